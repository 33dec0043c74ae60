/*
 * The WebAssembly text format (WAT) and script format (WAST), lexical level and s-expressions.
 *
 * The lexer follows the specification's token rules: longest match, and a token must be delimited by
 * white space, a parenthesis, a comment or the end of input. A run of identifier characters and
 * strings that is not exactly one token is a RESERVED token, which the module parser reports as
 * "unknown operator". Keywords are not told apart here: KEYWORD covers every word starting with a
 * lower-case letter, and dev.lia.wasm.text decides which are known.
 *
 * The parser rules only build s-expressions. Everything that gives them meaning (module fields,
 * abbreviations, folded instructions, identifiers, number ranges) is a hand-written tree walk in
 * dev.lia.wasm.text, which can report the specification's error messages at the right place.
 */
grammar Wat;

@header {
package dev.lia.wasm.text;
}

@lexer::members {
    /** Skips the rest of a block comment whose opening "(;" was just matched, nested comments included. */
    private void blockComment() {
        int depth = 1;
        while (depth > 0) {
            int c = _input.LA(1);
            if (c == IntStream.EOF) {
                throw new dev.lia.wasm.text.TextFormatException("unclosed comment", _tokenStartCharIndex);
            }
            int next = _input.LA(2);
            if (c == '(' && next == ';') {
                getInterpreter().consume(_input);
                getInterpreter().consume(_input);
                depth++;
            } else if (c == ';' && next == ')') {
                getInterpreter().consume(_input);
                getInterpreter().consume(_input);
                depth--;
            } else {
                getInterpreter().consume(_input);
            }
        }
    }
}

// ---- parser: s-expressions ----

// A stray ")" at the top and a list left open at the end of input are accepted here and reported by
// the reader only if the tree walk finds no error before them, as the reference's incremental parser does.
sexprs : ( item | RPAR )* EOF ;

item : list | atom ;

list : LPAR item* RPAR? ;

atom : NAT | INT | FLOAT | STRING | ID | KEYWORD | RESERVED | UNCLOSED_STRING ;

// ---- lexer ----

LPAR : '(' ;
RPAR : ')' ;

NAT : Num | '0x' HexNum ;
INT : Sign ( Num | '0x' HexNum ) ;
FLOAT
    : Sign? Num '.' Num?
    | Sign? Num ( '.' Num? )? [eE] Sign? Num
    | Sign? '0x' HexNum '.' HexNum?
    | Sign? '0x' HexNum ( '.' HexNum? )? [pP] Sign? Num
    | Sign? 'inf'
    | Sign? 'nan'
    | Sign? 'nan:0x' HexNum
    ;

/** A string: its escapes and characters are checked when it is read (dev.lia.wasm.text.Strings). */
STRING : StringLit ;

/** A string without its closing quote before the end of the line: reported as unclosed. */
UNCLOSED_STRING : '"' StringChar* ;

/**
 * An identifier: $ and identifier characters, or $ and a string (3.0), whose value must be a non-empty
 * name; SExprReader checks that and turns both forms into one. A lone $ is RESERVED: "empty identifier".
 */
ID : '$' IdChar+ | '$' StringLit ;

KEYWORD : [a-z] IdChar* ;

/**
 * Anything else up to the next white space, parenthesis or semicolon (strings included): never a
 * valid token.
 */
RESERVED : ( ~( ' ' | '\t' | '\n' | '\r' | '(' | ')' | '"' | ';' ) | StringLit )+ ;

BLOCK_COMMENT : '(;' { blockComment(); } -> skip ;

/** An annotation (3.0): white space to the grammar, read and checked by dev.lia.wasm.text.Annotations. */
ANNOTATION : '(@' { Annotations.skip(_input, _tokenStartCharIndex, getInterpreter()); } -> skip ;

LINE_COMMENT : ';;' ~[\n\r]* -> skip ;

WS : [ \t\n\r]+ -> skip ;

/** A lone semicolon, the only character that cannot start any token; reported by the reader. */
ERROR_CHAR : . ;

fragment Sign : [+-] ;
fragment Digit : [0-9] ;
fragment HexDigit : [0-9a-fA-F] ;
fragment Num : Digit ( '_'? Digit )* ;
fragment HexNum : HexDigit ( '_'? HexDigit )* ;

fragment IdChar
    : [0-9a-zA-Z]
    | [!#$%&'*+\-./:<=>?@\\^_`|~]
    ;

/**
 * Loosely: a quote, then anything but a quote, backslash or line break, or a backslash and any
 * character but a line break, then the closing quote.
 */
fragment StringLit : '"' StringChar* '"' ;

fragment StringChar : ~( '"' | '\\' | '\n' | '\r' ) | '\\' ~( '\n' | '\r' ) ;
