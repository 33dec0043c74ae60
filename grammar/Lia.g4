// Lia, the action-script language: what a host does with a WebAssembly module.
// The language reference is docs/lia.md. The parser only builds a tree; dev.lia.script.syntax.AstBuilder
// turns it into the AST, and every semantic rule lives in the checker.
grammar Lia;

@header {
package dev.lia.script.syntax;
}

@lexer::members {
    /** Depth of open ( and [: a newline inside them does not end a statement. */
    private int nesting;

    /** True when the next character cannot continue a name, so an operator like <u is complete. */
    private boolean operatorEnds() {
        int c = _input.LA(1);
        return !(c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
    }
}

// ---------------------------------------------------------------- structure

script    : sep* (topItem (sep+ topItem)*)? sep* EOF ;
topItem   : input | handler | stmt ;
sep       : NL | ';' ;

input     : 'import' type IDENT ;

handler   : 'on' module=name '.' field=name LPAREN (param (',' param)*)? RPAREN ('->' type (',' type)*)? block ;
param     : type IDENT ;

block     : '{' sep* (stmt (sep+ stmt)*)? sep* '}' ;

stmt
    : ifStmt                                                   # IfS
    | 'while' expr block                                       # WhileS
    | 'for' IDENT 'in' expr '..' expr block                    # ForS
    | 'break'                                                  # BreakS
    | 'continue'                                               # ContinueS
    | 'return' (expr (',' expr)*)?                             # ReturnS
    | 'assert' expr (',' expr)?                                # AssertS
    | 'fail' expr                                              # FailS
    | block                                                    # BlockS
    | target (',' target)* '=' expr                            # AssignS
    | expr                                                     # ExprS
    ;

ifStmt    : 'if' expr block (NL* 'else' (ifStmt | block))? ;

target
    : type? IDENT                                              # VarTarget
    | 'global' '.' name                                        # GlobalTarget
    ;

// ---------------------------------------------------------------- expressions
// Precedence, tightest first: postfix, unary, * / %, + - ++, shifts, &, ^, |, comparisons, &&, ||.

expr
    : postfix                                                  # PostfixE
    | op=('-' | '!' | '~') expr                                # UnaryE
    | expr op=('*' | '/' | '%' | DIVU | REMU) expr             # MulE
    | expr op=('+' | '-' | '++') expr                          # AddE
    | expr op=('<<' | '>>' | SHRU) expr                        # ShiftE
    | expr op='&' expr                                         # BitAndE
    | expr op='^' expr                                         # BitXorE
    | expr op='|' expr                                         # BitOrE
    | expr op=('==' | '!=' | '<' | '<=' | '>' | '>=' | LTU | LEU | GTU | GEU) expr  # CompareE
    | expr op='&&' expr                                        # AndE
    | expr op='||' expr                                        # OrE
    ;

postfix   : primary suffix* ;

suffix
    : '.' shape LBRACK expr RBRACK                             # LaneS
    | '.' IDENT                                                # PropertyS
    | LBRACK expr '..' expr RBRACK                             # SliceS
    | LBRACK expr RBRACK                                       # IndexS
    ;

primary
    : INT                                                      # IntP
    | FLOAT                                                    # FloatP
    | STRING                                                   # StringP
    | HEXSTRING                                                # HexP
    | shape lane*                                              # LanesP
    | 'ext' extName LPAREN args? RPAREN                        # ExtP
    | 'instantiate' LPAREN expr (',' importBinding)* RPAREN    # InstantiateP
    | 'memory' (LBRACK INT RBRACK)? '.' IDENT (LPAREN args? RPAREN)?   # MemoryP
    | 'table' (LBRACK INT RBRACK)? '.' IDENT                   # TableP
    | 'global' '.' name                                        # GlobalP
    | IDENT '.' member LPAREN args? RPAREN                     # InstanceCallP
    | callee LPAREN args? RPAREN                               # CallP
    | IDENT                                                    # VarP
    | LPAREN expr RPAREN                                       # ParenP
    ;

args      : expr (',' expr)* ;

// a v128 literal's lanes (i32x4 1 2 3 4): numbers only; the checker counts and types them
lane      : '-'? (INT | FLOAT) ;
shape     : 'i8x16' | 'i16x8' | 'i32x4' | 'i64x2' | 'f32x4' | 'f64x2' ;

// instantiate(bytes, env.memory = memory, ...): what each import of the new module is linked to
importBinding : module=member '.' field=member '=' externRef ;
externRef
    : 'memory' (LBRACK INT RBRACK)?                            # MemoryRef
    | 'table' (LBRACK INT RBRACK)?                             # TableRef
    | 'global' '.' name                                        # GlobalRef
    | IDENT '.' member                                         # InstanceExportRef
    | name                                                     # ExportRef
    ;

callee    : name | type | 'u32' | 'u64' ;
extName   : name ('.' name)* ;
name      : IDENT | QUOTED ;
// an import's module and field, and an instance's export after the dot: keywords are names there (env.memory)
member    : name | 'import' | 'on' | 'if' | 'else' | 'while' | 'for' | 'in' | 'break' | 'continue' | 'return'
          | 'assert' | 'fail' | 'ext' | 'instantiate' | 'memory' | 'table' | 'global' | type | 'u32' | 'u64' | shape ;
type      : 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'octs' ;

// ---------------------------------------------------------------- tokens

LPAREN    : '(' { nesting++; } ;
RPAREN    : ')' { if (nesting > 0) nesting--; } ;
LBRACK    : '[' { nesting++; } ;
RBRACK    : ']' { if (nesting > 0) nesting--; } ;

// Unsigned operators are one token: the u belongs to the operator unless a name goes on (a <upper).
DIVU      : '/u' { operatorEnds() }? ;
REMU      : '%u' { operatorEnds() }? ;
SHRU      : '>>u' { operatorEnds() }? ;
LTU       : '<u' { operatorEnds() }? ;
LEU       : '<=u' { operatorEnds() }? ;
GTU       : '>u' { operatorEnds() }? ;
GEU       : '>=u' { operatorEnds() }? ;

HEXSTRING : 'hex"' ~["\r\n]* '"' ;

FLOAT
    : DEC '.' DEC EXPONENT?
    | DEC EXPONENT
    | '0x' HEXDIGITS ('.' HEXDIGITS?)? [pP] [+-]? DEC
    | 'inf'
    | 'nan'
    | 'nan:0x' HEXDIGITS
    ;

INT       : DEC | '0x' HEXDIGITS ;

STRING    : '"' (ESCAPE | ~["\\\r\n])* '"' ;
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])* ;

QUOTED    : '`' ~[`\r\n]+ '`' ;

IDENT     : [a-zA-Z_] [a-zA-Z_0-9]* ;

NL        : ('\r'? '\n' | '\r') { if (nesting > 0) skip(); } ;
WS        : [ \t\f]+ -> skip ;
COMMENT   : '#' ~[\r\n]* -> skip ;

// Anything else becomes a token the parser rejects with a clear message (the lexer never reports).
BAD_CHAR  : . ;

fragment DEC       : [0-9] ('_'? [0-9])* ;
fragment HEXDIGITS : [0-9a-fA-F] ('_'? [0-9a-fA-F])* ;
fragment EXPONENT  : [eE] [+-]? DEC ;
fragment ESCAPE    : '\\' . ;
