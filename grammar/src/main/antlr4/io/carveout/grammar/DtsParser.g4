/*
 * Parser for devicetree sources as dtc 1.8 accepts them, read before
 * preprocessing: an identifier that cpp will replace (SZ_1M, GIC_SPI,
 * QCOM_SCM_VMID_MSS_MSA, MATRIX_KEY(...)) is accepted wherever dtc would see
 * its expansion. Preprocessor lines and /include/ travel on their own channel
 * and never reach this parser.
 *
 * The rules are looser than dtc's in two places, on purpose, so that the
 * syntax layer can report them with a clear message instead of a parse error:
 * the order of header items and the order of properties and subnodes.
 */
parser grammar DtsParser;

options { tokenVocab = DtsLexer; }

document
    : topItem* EOF
    ;

topItem
    : versionDecl
    | pluginDecl
    | memreserve
    | rootNode
    | overrideNode
    | deleteNode
    | omitIfNoRef
    | macroStatement
    // A file included inside a node holds that node's items (e.g. powerpc/fsl's
    // fragments); the syntax checks report them where the file is a whole tree.
    | property
    | childNode
    | deleteProperty
    // An item an incremental re-parse did not read again (see DtsLexer's tokens).
    | REUSED_ITEM
    | REUSED_TOP_ITEM
    ;

versionDecl  : DTS_V1 SEMI ;
pluginDecl   : PLUGIN SEMI ;
memreserve   : label* MEMRESERVE integerPrim integerPrim SEMI ;
// dtc accepts no label on '/': a label on the root is written inside or as &{/}.
rootNode     : SLASH nodeBody ;
// nodeRef callArgs: a reference made by a macro, e.g. &DIE_NODE(pmgr) { ... }.
// The labels either side of /omit-if-no-ref/ are read with one token of lookahead: written as
// "label* OMIT_IF_NO_REF? label*", each label made the parser look ahead to the last one.
overrideNode : nodeLabel* (OMIT_IF_NO_REF nodeLabel*)? nodeRef callArgs? nodeBody ;
omitIfNoRef  : OMIT_IF_NO_REF nodeRef SEMI ;

// A bare macro use standing for whole items, e.g. FOO(args); at node level.
macroStatement : NAME callArgs SEMI? ;

nodeBody
    : LBRACE nodeItem* RBRACE SEMI
    ;

nodeItem
    : property
    | childNode
    | deleteProperty
    | deleteNode
    | macroStatement
    | REUSED_ITEM
    ;

property       : label* NAME (EQ propertyValue (COMMA propertyValue)*)? SEMI ;
// NAME callArgs: a node name made by a macro, e.g. CP11X_NODE_NAME(bus) { };
childNode      : (nodeLabel | OMIT_IF_NO_REF)* NAME callArgs? nodeBody ;
deleteProperty : DELETE_PROPERTY NAME SEMI ;
deleteNode     : DELETE_NODE (NAME | nodeRef) SEMI ;

label   : LABEL_DEF ;
// A node's label may be made by a macro, e.g. DIE_NODE(cpufreq_e): cpufreq@210e20000 { };
// only there: after a value a NAME starts the next property, even with a ';' missing.
nodeLabel  : label | macroLabel ;
macroLabel : NAME callArgs COLON ;
nodeRef : REF | PATH_REF ;

propertyValue
    : label* valueItem label*
    ;

valueItem
    : stringValue
    | cellList
    | byteString
    | referenceValue
    | incbin
    | macroValue
    ;

stringValue    : STRING ;
cellList       : (BITS integerPrim)? LT cell* GT ;
byteString     : LBRACK byteItem* RBRACK ;
referenceValue : nodeRef ;
incbin         : INCBIN LPAREN STRING (COMMA expr COMMA expr)? RPAREN ;
// An identifier outside '<...>' that cpp turns into a value, e.g. a string macro.
macroValue     : NAME callArgs? ;

byteItem : label | BYTE_WORD ;

cell
    : label
    | integerPrim
    | nodeRef
    ;

// One number as dtc reads it outside an expression: a literal, a char literal,
// a parenthesised expression; or a macro use that will expand to one.
integerPrim
    : INT
    | CHAR_LITERAL
    | NAME callArgs?
    | IDENT callArgs?
    | LPAREN expr RPAREN
    ;

// dtc's C expression set, with C precedence, 64-bit unsigned arithmetic.
expr
    : primary                                                   # primaryExpr
    | op=(MINUS | TILDE | BANG) expr                            # unaryExpr
    | expr op=(STAR | SLASH | PERCENT) expr                     # binaryExpr
    | expr op=(PLUS | MINUS) expr                               # binaryExpr
    | expr op=(LSHIFT | RSHIFT) expr                            # binaryExpr
    | expr op=(LT | GT | LE | GE) expr                          # binaryExpr
    | expr op=(EQEQ | NE) expr                                  # binaryExpr
    | expr op=AMP expr                                          # binaryExpr
    | expr op=CARET expr                                        # binaryExpr
    | expr op=PIPE expr                                         # binaryExpr
    | expr op=ANDAND expr                                       # binaryExpr
    | expr op=OROR expr                                         # binaryExpr
    | <assoc = right> expr QUESTION expr COLON expr             # conditionalExpr
    ;

primary
    : INT
    | CHAR_LITERAL
    | IDENT callArgs?
    | nodeRef
    | LPAREN expr RPAREN
    ;

// Arguments of a function-like macro: balanced token runs split at top-level commas.
callArgs
    : LPAREN macroArg (COMMA macroArg)* RPAREN
    ;

macroArg
    : (~(LPAREN | RPAREN | COMMA | SEMI | LBRACE | RBRACE) | LPAREN macroArgTokens RPAREN)*
    ;

macroArgTokens
    : (~(LPAREN | RPAREN | SEMI | LBRACE | RBRACE) | LPAREN macroArgTokens RPAREN)*
    ;
