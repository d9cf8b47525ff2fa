/**
 * Token kinds of the HCL native syntax. A `const enum` so the lexer's hot loop compares small
 * integers; {@link TOKEN_NAMES} gives each kind a stable name for tests and messages.
 */
export const enum Tok {
    EOF,
    Newline,
    Ident,
    Number,
    OBrace,
    CBrace,
    OBrack,
    CBrack,
    OParen,
    CParen,
    Comma,
    Dot,
    Ellipsis,
    Question,
    Colon,
    DoubleColon,
    Equal,
    FatArrow,
    Bang,
    EqualOp,
    NotEqual,
    Less,
    Greater,
    LessEqual,
    GreaterEqual,
    And,
    Or,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    OQuote,
    CQuote,
    OHeredoc,
    CHeredoc,
    /** Literal text of a template (quoted, heredoc or bare), escapes not yet decoded. */
    TemplateLit,
    /** `${` or `${~`. */
    TemplateInterp,
    /** `%{` or `%{~`. */
    TemplateControl,
    /** The `}` or `~}` closing an interpolation or directive. */
    TemplateSeqEnd,
    Invalid,
}

/** Names of {@link Tok} values, indexed by kind. */
export const TOKEN_NAMES: readonly string[] = [
    "EOF", "Newline", "Ident", "Number", "OBrace", "CBrace", "OBrack", "CBrack", "OParen", "CParen",
    "Comma", "Dot", "Ellipsis", "Question", "Colon", "DoubleColon", "Equal", "FatArrow", "Bang",
    "EqualOp", "NotEqual", "Less", "Greater", "LessEqual", "GreaterEqual", "And", "Or", "Plus", "Minus",
    "Star", "Slash", "Percent", "OQuote", "CQuote", "OHeredoc", "CHeredoc", "TemplateLit",
    "TemplateInterp", "TemplateControl", "TemplateSeqEnd", "Invalid",
];

/** Binary operators as written in source, as stored in `Binary.operator`. */
export type BinaryOperator = "||" | "&&" | "==" | "!=" | "<" | ">" | "<=" | ">=" | "+" | "-" | "*" | "/" | "%";

/**
 * Binary operator precedence, indexed by token kind (0: not a binary operator). Higher binds
 * tighter; all levels are left-associative, as in hashicorp/hcl.
 */
export const BINARY_PRECEDENCE: Uint8Array = (() => {
    const p = new Uint8Array(Tok.Invalid + 1);
    p[Tok.Or] = 1;
    p[Tok.And] = 2;
    p[Tok.EqualOp] = 3;
    p[Tok.NotEqual] = 3;
    p[Tok.Less] = 4;
    p[Tok.Greater] = 4;
    p[Tok.LessEqual] = 4;
    p[Tok.GreaterEqual] = 4;
    p[Tok.Plus] = 5;
    p[Tok.Minus] = 5;
    p[Tok.Star] = 6;
    p[Tok.Slash] = 6;
    p[Tok.Percent] = 6;
    return p;
})();

/** Source spelling of each binary operator token kind. */
export const BINARY_OPERATOR: Partial<Record<Tok, BinaryOperator>> = {
    [Tok.Or]: "||",
    [Tok.And]: "&&",
    [Tok.EqualOp]: "==",
    [Tok.NotEqual]: "!=",
    [Tok.Less]: "<",
    [Tok.Greater]: ">",
    [Tok.LessEqual]: "<=",
    [Tok.GreaterEqual]: ">=",
    [Tok.Plus]: "+",
    [Tok.Minus]: "-",
    [Tok.Star]: "*",
    [Tok.Slash]: "/",
    [Tok.Percent]: "%",
};
