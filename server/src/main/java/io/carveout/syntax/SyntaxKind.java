package io.carveout.syntax;

/**
 * The kind of every element of a syntax tree: tokens (as the lexer cuts the text) and
 * nodes (as the parser groups them). Token kinds carry the text a user would recognise,
 * used in messages such as "expected ';'".
 */
public enum SyntaxKind {
    // ---- trivia: kept in the tree so the text rebuilds exactly, ignored by the grammar
    WS(Category.TRIVIA, "whitespace"),
    BLOCK_COMMENT(Category.TRIVIA, "comment"),
    LINE_COMMENT(Category.TRIVIA, "comment"),
    PP_DIRECTIVE(Category.TRIVIA, "preprocessor directive"),
    DTS_INCLUDE(Category.TRIVIA, "/include/"),
    /** Text the parser does not read: a branch of #if that is not taken, or nesting past the limit. */
    INACTIVE_CODE(Category.TRIVIA, "inactive code"),
    /** A whole file too large to analyse, kept as one token. */
    UNPARSED(Category.TRIVIA, "unparsed text"),

    // ---- tokens
    DTS_V1(Category.TOKEN, "/dts-v1/"),
    PLUGIN(Category.TOKEN, "/plugin/"),
    MEMRESERVE(Category.TOKEN, "/memreserve/"),
    BITS(Category.TOKEN, "/bits/"),
    DELETE_NODE(Category.TOKEN, "/delete-node/"),
    DELETE_PROPERTY(Category.TOKEN, "/delete-property/"),
    OMIT_IF_NO_REF(Category.TOKEN, "/omit-if-no-ref/"),
    INCBIN(Category.TOKEN, "/incbin/"),
    INCLUDE_KW(Category.TOKEN, "/include/"),
    STRING(Category.TOKEN, "string"),
    CHAR_LITERAL(Category.TOKEN, "character literal"),
    LABEL_DEF(Category.TOKEN, "label"),
    REF(Category.TOKEN, "&label"),
    PATH_REF(Category.TOKEN, "&{/path}"),
    NAME(Category.TOKEN, "name"),
    LBRACE(Category.TOKEN, "'{'"),
    RBRACE(Category.TOKEN, "'}'"),
    SEMI(Category.TOKEN, "';'"),
    EQ(Category.TOKEN, "'='"),
    COMMA(Category.TOKEN, "','"),
    LT(Category.TOKEN, "'<'"),
    GT(Category.TOKEN, "'>'"),
    LBRACK(Category.TOKEN, "'['"),
    RBRACK(Category.TOKEN, "']'"),
    LPAREN(Category.TOKEN, "'('"),
    RPAREN(Category.TOKEN, "')'"),
    SLASH(Category.TOKEN, "'/'"),
    AMP(Category.TOKEN, "'&'"),
    ERROR_CHAR(Category.TOKEN, "character"),
    INT(Category.TOKEN, "number"),
    IDENT(Category.TOKEN, "identifier"),
    PLUS(Category.TOKEN, "'+'"),
    MINUS(Category.TOKEN, "'-'"),
    STAR(Category.TOKEN, "'*'"),
    PERCENT(Category.TOKEN, "'%'"),
    CARET(Category.TOKEN, "'^'"),
    PIPE(Category.TOKEN, "'|'"),
    TILDE(Category.TOKEN, "'~'"),
    BANG(Category.TOKEN, "'!'"),
    QUESTION(Category.TOKEN, "'?'"),
    COLON(Category.TOKEN, "':'"),
    LSHIFT(Category.TOKEN, "'<<'"),
    RSHIFT(Category.TOKEN, "'>>'"),
    LE(Category.TOKEN, "'<='"),
    GE(Category.TOKEN, "'>='"),
    EQEQ(Category.TOKEN, "'=='"),
    NE(Category.TOKEN, "'!='"),
    ANDAND(Category.TOKEN, "'&&'"),
    OROR(Category.TOKEN, "'||'"),
    BYTE_WORD(Category.TOKEN, "byte"),

    // ---- nodes
    DOCUMENT(Category.NODE, "document"),
    VERSION(Category.NODE, "/dts-v1/;"),
    PLUGIN_HEADER(Category.NODE, "/plugin/;"),
    MEMRESERVE_ENTRY(Category.NODE, "/memreserve/ entry"),
    ROOT_NODE(Category.NODE, "root node"),
    OVERRIDE_NODE(Category.NODE, "&label override"),
    OMIT_DECL(Category.NODE, "/omit-if-no-ref/"),
    MACRO_STATEMENT(Category.NODE, "macro use"),
    NODE_BODY(Category.NODE, "node body"),
    PROPERTY(Category.NODE, "property"),
    CHILD_NODE(Category.NODE, "node"),
    DELETE_PROPERTY_STMT(Category.NODE, "/delete-property/"),
    DELETE_NODE_STMT(Category.NODE, "/delete-node/"),
    PROPERTY_VALUE(Category.NODE, "value"),
    STRING_VALUE(Category.NODE, "string"),
    CELL_LIST(Category.NODE, "cell list"),
    BYTE_STRING(Category.NODE, "byte string"),
    REFERENCE_VALUE(Category.NODE, "path reference"),
    INCBIN_VALUE(Category.NODE, "/incbin/"),
    MACRO_VALUE(Category.NODE, "macro value"),
    LITERAL(Category.NODE, "literal"),
    PAREN_EXPR(Category.NODE, "parenthesised expression"),
    MACRO_CALL(Category.NODE, "macro call"),
    UNARY_EXPR(Category.NODE, "unary expression"),
    BINARY_EXPR(Category.NODE, "binary expression"),
    CONDITIONAL_EXPR(Category.NODE, "conditional expression"),
    CALL_ARGS(Category.NODE, "macro arguments"),
    MACRO_ARG(Category.NODE, "macro argument"),
    /** A label that a macro makes, e.g. {@code DIE_NODE(cpufreq_e):}. */
    MACRO_LABEL(Category.NODE, "macro label"),
    /** Tokens the parser skipped while recovering from an error. */
    ERROR(Category.NODE, "error");

    /** Whether a kind is trivia, a token the grammar reads, or a node. */
    public enum Category { TRIVIA, TOKEN, NODE }

    private final Category category;
    private final String display;

    SyntaxKind(Category category, String display) {
        this.category = category;
        this.display = display;
    }

    public Category category() {
        return category;
    }

    public boolean isTrivia() {
        return category == Category.TRIVIA;
    }

    public boolean isToken() {
        return category != Category.NODE;
    }

    /** How a message names this kind: the literal for punctuation, a word otherwise. */
    public String display() {
        return display;
    }
}
