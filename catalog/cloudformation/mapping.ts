/**
 * The shape of the CloudFormation mapping tables: how one CloudFormation resource type (and the
 * Pulumi `aws-native` type generated from it) reads in the neutral, bridged vocabulary the controls
 * are written in. The tables are data; `translate.ts` applies them and `inverse.ts` runs them
 * backwards for the parity test.
 */
import type { Value } from "../model";

/**
 * How one CloudFormation property reads in the neutral view. A string is the neutral name (nested
 * objects below it are named mechanically, `FooBar` → `fooBar`); an object says more.
 */
export type PropertySpec = string | PropertyMapping;

export interface PropertyMapping {
    /** Neutral property name; default: the mechanical camelCase of the CloudFormation name. */
    to?: string;
    /** Names of the properties of the object (or of each object of a list) this property holds. */
    props?: Readonly<Record<string, PropertySpec>>;
    /**
     * `verbatim`: the value is data whose keys are kept (an IAM policy document, a map).
     * `tags`: a CloudFormation tag list (`[{Key, Value}]`) that the neutral view holds as a map.
     * `list`: a single value that the neutral view holds as a one-element list (`CidrIp` → `cidrBlocks`).
     */
    value?: "verbatim" | "tags" | "list";
    /**
     * CloudFormation holds a list where the bridged view holds one object (`OwnershipControls.Rules`
     * → `rule`); the neutral view keeps the list (lists are walked item by item), and the inverse
     * tables wrap an example's object in a list.
     */
    cfnList?: boolean;
    /**
     * CloudFormation spellings of an enumerated string → the bridged spellings (`PublicRead` →
     * `public-read`), matched case-insensitively; values not listed are kept as written.
     */
    values?: Readonly<Record<string, string>>;
}

/**
 * A part of a CloudFormation resource that the bridged providers model as a resource of its own:
 * `AWS::S3::Bucket`'s inline `BucketEncryption` is an `aws.s3.BucketServerSideEncryptionConfiguration`.
 * The split resource refers back to the resource it came from through `link`.
 */
export interface SplitMapping {
    /** The CloudFormation property the split resource is made of. */
    property: string;
    /** Neutral type token of the split resource. */
    token: string;
    /** SDK class of the token (checked against its `__pulumiType`), e.g. `s3.BucketVersioning`. */
    sdk: string;
    /** The neutral property that refers to the resource it was split from (`bucket`). */
    link: string;
    /** How the property's value reads as the split resource's properties. */
    props?: Readonly<Record<string, PropertySpec>>;
    /** The translated value sits under this neutral property instead of at the top (`versioningConfiguration`). */
    into?: string;
    /** One split resource per item of a list property (one attachment per role). */
    each?: { as: string };
}

/** One CloudFormation resource type. */
export interface CfnTypeMapping {
    /** CloudFormation type, e.g. `AWS::SageMaker::NotebookInstance`. */
    cfn: string;
    /** Neutral type token: a bridged token, or the `aws-native` token where no bridged type exists. */
    token: string;
    /** SDK class of the neutral token (`@pulumi/aws`, or `@pulumi/aws-native` for `aws-native:` tokens). */
    sdk: string;
    /** `aws-native` SDK class of the type, or `null` when `@pulumi/aws-native` has none. */
    awsNative: string | null;
    /** Top-level properties (CloudFormation names); properties not listed are named mechanically. */
    props: Readonly<Record<string, PropertySpec>>;
    split?: readonly SplitMapping[];
    /**
     * Defaults when a property is absent, from the CloudFormation resource documentation, where
     * they differ from what the bridged (Terraform) resource does or where a control relies on them.
     */
    defaults: string;
    /** What the neutral id of the resource refers to with `Ref` (documentation). */
    ref?: string;
}

/** Whether a mapped property keeps its value's keys. */
export function isVerbatim(spec: PropertySpec | undefined): boolean {
    return typeof spec === "object" && spec.value === "verbatim";
}

/**
 * The mechanical neutral name of a CloudFormation property: a leading run of capitals is lowered
 * except the capital that starts the next word (`SSEAlgorithm` → `sseAlgorithm`, `VpcId` → `vpcId`),
 * which is how `aws-native` names them too.
 */
export function mechanicalName(name: string): string {
    let upper = 0;
    while (upper < name.length && name[upper] >= "A" && name[upper] <= "Z") upper++;
    if (upper === 0) return name;
    if (upper === 1 || upper === name.length) return name.slice(0, upper).toLowerCase() + name.slice(upper);
    const next = name[upper];
    const keep = next >= "a" && next <= "z" ? upper - 1 : upper;
    return name.slice(0, keep).toLowerCase() + name.slice(keep);
}

/** A Value map, for split resources built from scratch. */
export function mapValue(entries: Record<string, Value>, source: Value["source"]): Extract<Value, { kind: "map" }> {
    return { kind: "map", entries, source };
}
