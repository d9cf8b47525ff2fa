import type { Range } from "./source";
import type { BinaryOperator } from "./tokens";

/**
 * The HCL syntax tree. Native syntax (`.tf`) and JSON syntax (`.tf.json`) produce the same node
 * types, so later stages need not know which one a file used. Every node has a `range`; nodes are
 * discriminated by `type`.
 */

/** A body: the top level of a file, or the inside of a block. Attributes and blocks keep source order. */
export interface Body {
    type: "Body";
    attributes: Attribute[];
    blocks: Block[];
    range: Range;
}

/** `name = expression`. */
export interface Attribute {
    type: "Attribute";
    name: string;
    nameRange: Range;
    expression: Expression;
    /** The whole attribute, from the name to the end of the expression. */
    range: Range;
}

/** A block label: `"quoted"` or a bare identifier. `range` includes the quotes. */
export interface BlockLabel {
    type: "BlockLabel";
    value: string;
    quoted: boolean;
    range: Range;
}

/** `type "label" label { body }`. */
export interface Block {
    type: "Block";
    blockType: string;
    typeRange: Range;
    labels: BlockLabel[];
    openBraceRange: Range;
    /** The closing brace; for an unclosed block, an empty range where the block was cut off. */
    closeBraceRange: Range;
    body: Body;
    range: Range;
}

/** Any expression. */
export type Expression =
    | Literal
    | Template
    | Variable
    | GetAttr
    | Index
    | Splat
    | SplatItem
    | FunctionCall
    | Tuple
    | ObjectExpr
    | ForExpr
    | Conditional
    | Unary
    | Binary
    | Parenthesized
    | Invalid;

/** `true`, `false`, `null` or a number. Strings are {@link Template}s. */
export interface Literal {
    type: "Literal";
    value: number | boolean | null;
    /** Source spelling of a number, for values beyond double precision. */
    raw?: string;
    range: Range;
}

/**
 * A quoted string, heredoc, or (JSON syntax) string value. A template whose only part is an
 * interpolation yields the interpolated value itself, unconverted, as in hashicorp/hcl.
 */
export interface Template {
    type: "Template";
    kind: "quoted" | "heredoc" | "bare";
    /** Heredoc marker and whether it was `<<-` (indentation stripped). */
    heredoc?: { marker: string; indented: boolean };
    parts: TemplatePart[];
    range: Range;
}

export type TemplatePart = TemplateLiteral | TemplateInterpolation | TemplateIf | TemplateFor;

/** Literal text, escapes decoded, strip markers and `<<-` indentation already applied. */
export interface TemplateLiteral {
    type: "TemplateLiteral";
    value: string;
    range: Range;
}

/** `${ expression }`; the strip flags record `${~` and `~}`. */
export interface TemplateInterpolation {
    type: "TemplateInterpolation";
    expression: Expression;
    stripLeft: boolean;
    stripRight: boolean;
    range: Range;
}

/** `%{ if condition }then%{ else }else%{ endif }`. */
export interface TemplateIf {
    type: "TemplateIf";
    condition: Expression;
    then: TemplatePart[];
    else: TemplatePart[] | null;
    range: Range;
}

/** `%{ for key, value in collection }body%{ endfor }`. */
export interface TemplateFor {
    type: "TemplateFor";
    keyVar: Identifier | null;
    valueVar: Identifier;
    collection: Expression;
    body: TemplatePart[];
    range: Range;
}

/** A name introduced by a `for`. */
export interface Identifier {
    type: "Identifier";
    name: string;
    range: Range;
}

/** A root variable reference such as `var` in `var.x`, or an object key written as a bare name. */
export interface Variable {
    type: "Variable";
    name: string;
    range: Range;
}

/** `object.name`. */
export interface GetAttr {
    type: "GetAttr";
    object: Expression;
    name: string;
    nameRange: Range;
    range: Range;
}

/** `collection[key]`; `legacy` for the `collection.0` form. */
export interface Index {
    type: "Index";
    collection: Expression;
    key: Expression;
    legacy: boolean;
    range: Range;
}

/**
 * `source.*.a` (`full: false`) or `source[*].a[0]` (`full: true`): `each` is evaluated once per
 * element of `source`, with the {@link SplatItem} standing for the element.
 */
export interface Splat {
    type: "Splat";
    source: Expression;
    each: Expression;
    full: boolean;
    range: Range;
}

/** The element placeholder inside {@link Splat.each}; its range is the `.*` or `[*]` marker. */
export interface SplatItem {
    type: "SplatItem";
    range: Range;
}

/** `name(args)`; `name` may be provider-defined (`provider::aws::arn_parse`). */
export interface FunctionCall {
    type: "FunctionCall";
    name: string;
    nameRange: Range;
    args: Expression[];
    /** The final argument was followed by `...`. */
    expandFinal: boolean;
    openParenRange: Range;
    closeParenRange: Range;
    range: Range;
}

/** `[a, b]`. */
export interface Tuple {
    type: "Tuple";
    items: Expression[];
    range: Range;
}

/** `{ key = value, ... }`. */
export interface ObjectExpr {
    type: "Object";
    items: ObjectItem[];
    range: Range;
}

/**
 * One `key = value` (or `key: value`) item. A `key` that is a bare {@link Variable} means the
 * literal name (`{ a = 1 }` has key "a"); write `(a)` to use a variable's value as the key.
 */
export interface ObjectItem {
    type: "ObjectItem";
    key: Expression;
    value: Expression;
    range: Range;
}

/**
 * `[for k, v in coll : value if cond]` (`keyExpr` null) or
 * `{for k, v in coll : key => value... if cond}`.
 */
export interface ForExpr {
    type: "For";
    keyVar: Identifier | null;
    valueVar: Identifier;
    collection: Expression;
    keyExpr: Expression | null;
    valueExpr: Expression;
    condition: Expression | null;
    /** `...` after the value: group values by key. */
    grouping: boolean;
    range: Range;
}

/** `condition ? trueExpr : falseExpr`. */
export interface Conditional {
    type: "Conditional";
    condition: Expression;
    trueExpr: Expression;
    falseExpr: Expression;
    range: Range;
}

/** `!operand` or `-operand`. */
export interface Unary {
    type: "Unary";
    operator: "!" | "-";
    operand: Expression;
    range: Range;
}

/** `left operator right`. */
export interface Binary {
    type: "Binary";
    operator: BinaryOperator;
    left: Expression;
    right: Expression;
    range: Range;
}

/** `(expression)`: kept so ranges and object keys behave as in hashicorp/hcl. */
export interface Parenthesized {
    type: "Parenthesized";
    expression: Expression;
    range: Range;
}

/** Stands in for an expression that could not be parsed; a diagnostic explains why. */
export interface Invalid {
    type: "Invalid";
    range: Range;
}

/** Any node. */
export type Node =
    | Body
    | Attribute
    | Block
    | BlockLabel
    | Expression
    | TemplatePart
    | Identifier
    | ObjectItem;
