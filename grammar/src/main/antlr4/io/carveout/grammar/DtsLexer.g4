/*
 * Lexer for devicetree sources as dtc 1.8 reads them, applied to the file as the
 * user wrote it: before preprocessing. Every character of the input ends up in a
 * token (trivia on hidden channels), so a syntax tree built on these tokens can
 * give back the text byte for byte.
 *
 * dtc's own lexer switches state from the parser (a node or property name after
 * '{' and ';'). Here the same effect comes from the lexer modes: outside '<...>',
 * '[...]' and '(...)' every run of name characters is one NAME token and the
 * parser decides whether it is a node, a property, a number or a macro.
 */
lexer grammar DtsLexer;

channels { DIRECTIVES, INACTIVE }

// Never lexed: an incremental re-parse of an edited file reads each whole item that the
// edit did not touch as one of these (a node item, or a node at the top of the file).
tokens { REUSED_ITEM, REUSED_TOP_ITEM }

@members {
    // The predicate sits after the "#": at the start of a rule it would keep the lexer
    // from caching its start state and slow every token down tenfold.
    /** True when only blanks stand between the start of the line and the current token. */
    private boolean atLineStart() {
        for (int i = _tokenStartCharIndex - 1; i >= 0; i--) {
            int c = _input.getText(org.antlr.v4.runtime.misc.Interval.of(i, i)).charAt(0);
            if (c == '\n' || c == '\r') return true;
            if (c != ' ' && c != '\t') return false;
        }
        return true;
    }

    /** An error token or a ';' / '{' / '}' leaves every value mode, so one missing '>' cannot swallow the file. */
    private void leaveValueModes() {
        while (!_modeStack.isEmpty()) popMode();
    }
}

// ---------------------------------------------------------------- default mode

PP_DIRECTIVE      : '#' {atLineStart()}? [ \t]* (PP_KEYWORD | [0-9]) PP_REST -> channel(DIRECTIVES) ;
DTS_INCLUDE       : '/include/' [ \t\r\n]* STRING_BODY -> channel(DIRECTIVES) ;

WS                : WS_CHARS -> channel(HIDDEN) ;
BLOCK_COMMENT     : BLOCK_COMMENT_BODY -> channel(HIDDEN) ;
LINE_COMMENT      : LINE_COMMENT_BODY -> channel(HIDDEN) ;

DTS_V1            : '/dts-v1/' ;
PLUGIN            : '/plugin/' ;
MEMRESERVE        : '/memreserve/' ;
BITS              : '/bits/' ;
DELETE_NODE       : '/delete-node/' ;
DELETE_PROPERTY   : '/delete-property/' ;
OMIT_IF_NO_REF    : '/omit-if-no-ref/' ;
INCBIN            : '/incbin/' ;
INCLUDE_KW        : '/include/' ;

STRING            : STRING_BODY ;
CHAR_LITERAL      : CHAR_BODY ;
LABEL_DEF         : LABEL_CHARS ':' ;
REF               : '&' LABEL_CHARS ;
PATH_REF          : '&{' PATH_CHAR* '}' ;
NAME              : '\\'? NAME_START PROP_NODE_CHAR* ;

LBRACE            : '{' {leaveValueModes();} ;
RBRACE            : '}' {leaveValueModes();} ;
SEMI              : ';' {leaveValueModes();} ;
EQ                : '=' ;
COMMA             : ',' ;
LT                : '<' -> pushMode(CELLS) ;
GT                : '>' ;
LBRACK            : '[' -> pushMode(BYTES) ;
RBRACK            : ']' ;
LPAREN            : '(' -> pushMode(EXPR) ;
RPAREN            : ')' ;
SLASH             : '/' ;
AMP               : '&' ;
// Before ERROR_CHAR: the colon of a label that a macro makes, e.g. DIE_NODE(cpufreq_e):
// (a plain label is one LABEL_DEF); also the ternary's colon in every value mode.
COLON             : ':' ;
ERROR_CHAR        : . ;

// ------------------------------------------------- operator tokens (value modes)
// Declared here so that every mode shares one token type per operator.
INT               : [0-9] [0-9a-zA-Z_]* ;
IDENT             : LABEL_CHARS ;
PLUS              : '+' ;
MINUS             : '-' ;
STAR              : '*' ;
PERCENT           : '%' ;
CARET             : '^' ;
PIPE              : '|' ;
TILDE             : '~' ;
BANG              : '!' ;
QUESTION          : '?' ;
LSHIFT            : '<<' ;
RSHIFT            : '>>' ;
LE                : '<=' ;
GE                : '>=' ;
EQEQ              : '==' ;
NE                : '!=' ;
ANDAND            : '&&' ;
OROR              : '||' ;
BYTE_WORD         : [a-zA-Z0-9_]+ ;

// ------------------------------------------------------------------ fragments

fragment WS_CHARS       : ([ \t\r\n\f\u000B] | '\\' '\r'? '\n')+ ;
fragment BLOCK_COMMENT_BODY : '/*' (~'*' | '*'+ ~[*/])* '*'* '/'? ;
fragment LINE_COMMENT_BODY  : '//' ~[\r\n]* ;
// A string or char literal ends at the end of its line when unterminated, so a
// stray quote while typing does not swallow the rest of the file.
fragment STRING_BODY    : '"' (~["\\\r\n] | '\\' .)* '"'? ;
// An unterminated char literal is the quote and at most one character, so that
// "<'x>;" still closes its cell list.
fragment CHAR_BODY      : '\'' (~['\\\r\n] | '\\' .)* '\'' | '\'' (~['\\\r\n] | '\\' .)? ;
fragment LABEL_CHARS    : [a-zA-Z_] [a-zA-Z0-9_]* ;
// A name never starts with ',' so that the comma between values stays a separator.
fragment NAME_START     : [a-zA-Z0-9._+*#?@-] ;
fragment PROP_NODE_CHAR : [a-zA-Z0-9,._+*#?@-] ;
fragment PATH_CHAR      : [a-zA-Z0-9,._+*#?@/-] ;
fragment PP_KEYWORD     : 'include_next' | 'include' | 'define' | 'undef' | 'ifdef' | 'ifndef' | 'if'
                        | 'elifdef' | 'elifndef' | 'elif' | 'else' | 'endif' | 'error' | 'warning'
                        | 'pragma' | 'line' | 'ident' ;
// The rest of a directive: up to the end of the line, with backslash-newline
// continuations and block comments that may span lines.
fragment PP_REST        : (~[\r\n\\/] | '\\' '\r'? '\n' | '\\' ~[\r\n] | '\\' | BLOCK_COMMENT_BODY | '/')* ;

// ------------------------------------------------------ cells: inside < ... >
mode CELLS;

C_PP_DIRECTIVE    : '#' {atLineStart()}? [ \t]* (PP_KEYWORD | [0-9]) PP_REST -> type(PP_DIRECTIVE), channel(DIRECTIVES) ;
C_WS              : WS_CHARS -> type(WS), channel(HIDDEN) ;
C_BLOCK_COMMENT   : BLOCK_COMMENT_BODY -> type(BLOCK_COMMENT), channel(HIDDEN) ;
C_LINE_COMMENT    : LINE_COMMENT_BODY -> type(LINE_COMMENT), channel(HIDDEN) ;
C_GT              : '>' -> type(GT), popMode ;
C_LPAREN          : '(' -> type(LPAREN), pushMode(EXPR) ;
C_RPAREN          : ')' -> type(RPAREN) ;
C_INT             : [0-9] [0-9a-zA-Z_]* -> type(INT) ;
C_LABEL_DEF       : LABEL_CHARS ':' -> type(LABEL_DEF) ;
C_IDENT           : LABEL_CHARS -> type(IDENT) ;
C_REF             : '&' LABEL_CHARS -> type(REF) ;
C_PATH_REF        : '&{' PATH_CHAR* '}' -> type(PATH_REF) ;
C_STRING          : STRING_BODY -> type(STRING) ;
C_CHAR_LITERAL    : CHAR_BODY -> type(CHAR_LITERAL) ;
C_COMMA           : ',' -> type(COMMA) ;
C_SEMI            : ';' {leaveValueModes();} -> type(SEMI) ;
C_LBRACE          : '{' {leaveValueModes();} -> type(LBRACE) ;
C_RBRACE          : '}' {leaveValueModes();} -> type(RBRACE) ;
C_LSHIFT          : '<<' -> type(LSHIFT) ;
C_RSHIFT          : '>>' -> type(RSHIFT) ;
C_LE              : '<=' -> type(LE) ;
C_GE              : '>=' -> type(GE) ;
C_LT              : '<' -> type(LT) ;
C_EQEQ            : '==' -> type(EQEQ) ;
C_NE              : '!=' -> type(NE) ;
C_ANDAND          : '&&' -> type(ANDAND) ;
C_OROR            : '||' -> type(OROR) ;
C_PLUS            : '+' -> type(PLUS) ;
C_MINUS           : '-' -> type(MINUS) ;
C_STAR            : '*' -> type(STAR) ;
C_SLASH           : '/' -> type(SLASH) ;
C_PERCENT         : '%' -> type(PERCENT) ;
C_AMP             : '&' -> type(AMP) ;
C_CARET           : '^' -> type(CARET) ;
C_PIPE            : '|' -> type(PIPE) ;
C_TILDE           : '~' -> type(TILDE) ;
C_BANG            : '!' -> type(BANG) ;
C_QUESTION        : '?' -> type(QUESTION) ;
C_COLON           : ':' -> type(COLON) ;
C_EQ              : '=' -> type(EQ) ;
C_ERROR_CHAR      : . -> type(ERROR_CHAR) ;

// ---------------------------------- expressions: inside ( ... ), '>' compares
mode EXPR;

E_PP_DIRECTIVE    : '#' {atLineStart()}? [ \t]* (PP_KEYWORD | [0-9]) PP_REST -> type(PP_DIRECTIVE), channel(DIRECTIVES) ;
E_WS              : WS_CHARS -> type(WS), channel(HIDDEN) ;
E_BLOCK_COMMENT   : BLOCK_COMMENT_BODY -> type(BLOCK_COMMENT), channel(HIDDEN) ;
E_LINE_COMMENT    : LINE_COMMENT_BODY -> type(LINE_COMMENT), channel(HIDDEN) ;
E_LPAREN          : '(' -> type(LPAREN), pushMode(EXPR) ;
E_RPAREN          : ')' -> type(RPAREN), popMode ;
E_INT             : [0-9] [0-9a-zA-Z_]* -> type(INT) ;
E_LABEL_DEF       : LABEL_CHARS ':' -> type(LABEL_DEF) ;
E_IDENT           : LABEL_CHARS -> type(IDENT) ;
E_REF             : '&' LABEL_CHARS -> type(REF) ;
E_PATH_REF        : '&{' PATH_CHAR* '}' -> type(PATH_REF) ;
E_STRING          : STRING_BODY -> type(STRING) ;
E_CHAR_LITERAL    : CHAR_BODY -> type(CHAR_LITERAL) ;
E_COMMA           : ',' -> type(COMMA) ;
E_SEMI            : ';' {leaveValueModes();} -> type(SEMI) ;
E_LBRACE          : '{' {leaveValueModes();} -> type(LBRACE) ;
E_RBRACE          : '}' {leaveValueModes();} -> type(RBRACE) ;
E_LSHIFT          : '<<' -> type(LSHIFT) ;
E_RSHIFT          : '>>' -> type(RSHIFT) ;
E_LE              : '<=' -> type(LE) ;
E_GE              : '>=' -> type(GE) ;
E_LT              : '<' -> type(LT) ;
E_GT              : '>' -> type(GT) ;
E_EQEQ            : '==' -> type(EQEQ) ;
E_NE              : '!=' -> type(NE) ;
E_ANDAND          : '&&' -> type(ANDAND) ;
E_OROR            : '||' -> type(OROR) ;
E_PLUS            : '+' -> type(PLUS) ;
E_MINUS           : '-' -> type(MINUS) ;
E_STAR            : '*' -> type(STAR) ;
E_SLASH           : '/' -> type(SLASH) ;
E_PERCENT         : '%' -> type(PERCENT) ;
E_AMP             : '&' -> type(AMP) ;
E_CARET           : '^' -> type(CARET) ;
E_PIPE            : '|' -> type(PIPE) ;
E_TILDE           : '~' -> type(TILDE) ;
E_BANG            : '!' -> type(BANG) ;
E_QUESTION        : '?' -> type(QUESTION) ;
E_COLON           : ':' -> type(COLON) ;
E_EQ              : '=' -> type(EQ) ;
E_LBRACK          : '[' -> type(LBRACK) ;
E_RBRACK          : ']' -> type(RBRACK) ;
E_ERROR_CHAR      : . -> type(ERROR_CHAR) ;

// ---------------------------------------------- byte strings: inside [ ... ]
mode BYTES;

B_PP_DIRECTIVE    : '#' {atLineStart()}? [ \t]* (PP_KEYWORD | [0-9]) PP_REST -> type(PP_DIRECTIVE), channel(DIRECTIVES) ;
B_WS              : WS_CHARS -> type(WS), channel(HIDDEN) ;
B_BLOCK_COMMENT   : BLOCK_COMMENT_BODY -> type(BLOCK_COMMENT), channel(HIDDEN) ;
B_LINE_COMMENT    : LINE_COMMENT_BODY -> type(LINE_COMMENT), channel(HIDDEN) ;
B_RBRACK          : ']' -> type(RBRACK), popMode ;
B_LABEL_DEF       : LABEL_CHARS ':' -> type(LABEL_DEF) ;
B_BYTE_WORD       : [a-zA-Z0-9_]+ -> type(BYTE_WORD) ;
B_SEMI            : ';' {leaveValueModes();} -> type(SEMI) ;
B_LBRACE          : '{' {leaveValueModes();} -> type(LBRACE) ;
B_RBRACE          : '}' {leaveValueModes();} -> type(RBRACE) ;
B_ERROR_CHAR      : . -> type(ERROR_CHAR) ;
