import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { PropertySpec } from "../../catalog/cloudformation/mapping";
import { awsNativeToken, cfnTypes } from "../../catalog/cloudformation/tables";
import { neutralName } from "../../catalog/cloudformation/translate";

const modules = path.resolve(__dirname, "../../../node_modules/@pulumi");

/** `sagemaker.NotebookInstance` → the class's files in an SDK package. */
function classFile(pkg: "aws" | "aws-native", sdk: string, ext: ".js" | ".d.ts"): string {
    const dot = sdk.lastIndexOf(".");
    const cls = sdk.slice(dot + 1);
    return path.join(modules, pkg, ...sdk.slice(0, dot).split("."), cls.charAt(0).toLowerCase() + cls.slice(1) + ext);
}

function pulumiTypeOf(pkg: "aws" | "aws-native", sdk: string): string | undefined {
    const file = classFile(pkg, sdk, ".js");
    if (!fs.existsSync(file)) return undefined;
    return /__pulumiType = '([^']+)'/.exec(fs.readFileSync(file, "utf8"))?.[1];
}

/** Property name → type text of an interface whose opening line starts at `from` (declarations only, no runtime load). */
function interfaceProps(text: string, from: number): Map<string, string> {
    const out = new Map<string, string>();
    const open = text.indexOf("{\n", from);
    const indent = /^( *)/.exec(text.slice(text.lastIndexOf("\n", from) + 1))![1];
    let i = open + 2;
    for (;;) {
        const nl = text.indexOf("\n", i);
        const line = text.slice(i, nl < 0 ? undefined : nl);
        if (line === `${indent}}` || nl < 0) break;
        const m = new RegExp(`^${indent}    (?:readonly )?([A-Za-z0-9_$]+)\\??: (.*)$`).exec(line);
        if (m) out.set(m[1], m[2]);
        i = nl + 1;
    }
    return out;
}

const fileCache = new Map<string, string>();
function read(file: string): string {
    let t = fileCache.get(file);
    if (t === undefined) fileCache.set(file, (t = fs.readFileSync(file, "utf8")));
    return t;
}

function argsOf(pkg: "aws" | "aws-native", sdk: string): Map<string, string> {
    const text = read(classFile(pkg, sdk, ".d.ts"));
    const cls = sdk.slice(sdk.lastIndexOf(".") + 1);
    const at = text.indexOf(`export interface ${cls}Args {`);
    assert.ok(at >= 0, `${pkg} ${sdk} has no ${cls}Args`);
    return interfaceProps(text, at);
}

/** The properties of a nested aws-native input type named in a property's type text. */
function nestedProps(typeText: string): Map<string, string> | undefined {
    const m = /inputs\.([A-Za-z0-9]+)\.([A-Za-z0-9]+Args)/.exec(typeText);
    if (!m) return undefined;
    const text = read(path.join(modules, "aws-native", "types", "input.d.ts"));
    const ns = text.indexOf(`export declare namespace ${m[1]} {`);
    const at = text.indexOf(`    interface ${m[2]} {`, ns);
    return at < 0 ? undefined : interfaceProps(text, at);
}

function lookup(props: Map<string, string>, cfnName: string): string | undefined {
    for (const [k, v] of props) if (k.toLowerCase() === cfnName.toLowerCase()) return v;
    return undefined;
}

/** Checks CloudFormation names (and nested ones) against the aws-native declarations; returns the problems. */
function checkSpecs(specs: Readonly<Record<string, PropertySpec>>, schema: Map<string, string>, where: string, problems: string[]): void {
    for (const [cfn, spec] of Object.entries(specs)) {
        const type = lookup(schema, cfn);
        if (type === undefined) {
            problems.push(`${where}.${cfn} is not a property (aws-native has: ${[...schema.keys()].join(", ")})`);
            continue;
        }
        if (typeof spec === "object" && spec.props) {
            const nested = nestedProps(type);
            if (!nested) problems.push(`${where}.${cfn}: its type ${type} is not an object type`);
            else checkSpecs(spec.props, nested, `${where}.${cfn}`, problems);
        }
    }
}

/**
 * The CloudFormation tables against their schema sources: every CloudFormation property named is a
 * property of the `@pulumi/aws-native` type (whose names are CloudFormation's in camelCase, nested
 * types included), every neutral top-level name is a property of the `@pulumi/aws` `*Args`
 * interface, and every token is its SDK class's `__pulumiType`.
 */
describe("CloudFormation tables against the SDK declarations", () => {
    // AWS::IAM::Policy has no aws-native type; its properties are those of ManagedPolicy and RolePolicy together.
    const schemaStandIns: Record<string, string[]> = { "AWS::IAM::Policy": ["iam.ManagedPolicy", "iam.RolePolicy"] };

    for (const t of cfnTypes) {
        describe(t.cfn, () => {
            it(`maps to ${t.token}, its SDK class's __pulumiType`, () => {
                const pkg = t.token.startsWith("aws-native:") ? "aws-native" : "aws";
                assert.equal(pulumiTypeOf(pkg, t.sdk), t.token);
                for (const s of t.split ?? []) assert.equal(pulumiTypeOf("aws", s.sdk), s.token, `split ${s.property}`);
            });
            it(t.awsNative ? `is aws-native ${t.awsNative}` : "has no aws-native type", () => {
                if (t.awsNative) assert.equal(pulumiTypeOf("aws-native", t.awsNative), awsNativeToken(t.awsNative));
                else assert.ok(schemaStandIns[t.cfn], "name the aws-native types that stand in as its schema");
            });
            it("names only real CloudFormation properties (nested ones too)", () => {
                const schema = new Map<string, string>();
                for (const sdk of t.awsNative ? [t.awsNative] : schemaStandIns[t.cfn]) for (const [k, v] of argsOf("aws-native", sdk)) schema.set(k, v);
                const problems: string[] = [];
                checkSpecs(t.props, schema, t.cfn, problems);
                for (const s of t.split ?? []) {
                    const type = lookup(schema, s.property);
                    if (type === undefined) problems.push(`${t.cfn}.${s.property} (split) is not a property`);
                    else if (s.props && !s.into) {
                        const nested = nestedProps(type);
                        if (!nested) problems.push(`${t.cfn}.${s.property}: not an object type`);
                        else checkSpecs(s.props, nested, `${t.cfn}.${s.property}`, problems);
                    } else if (s.props && s.into) {
                        const nested = nestedProps(type);
                        if (nested) checkSpecs(s.props, nested, `${t.cfn}.${s.property}`, problems);
                    }
                }
                assert.deepEqual(problems, []);
            });
            it("names only real neutral properties", () => {
                const pkg = t.token.startsWith("aws-native:") ? "aws-native" : "aws";
                const args = argsOf(pkg, t.sdk);
                const problems: string[] = [];
                for (const [cfn, spec] of Object.entries(t.props)) {
                    const name = neutralName(spec, cfn);
                    if (!args.has(name)) problems.push(`${cfn} → ${name}`);
                }
                for (const s of t.split ?? []) {
                    const splitArgs = argsOf("aws", s.sdk);
                    const names = [s.link, ...(s.into ? [s.into] : Object.entries(s.props ?? {}).map(([cfn, spec]) => neutralName(spec, cfn))), ...(s.each ? [s.each.as] : [])];
                    for (const n of names) if (!splitArgs.has(n)) problems.push(`${s.property} → ${s.sdk}.${n}`);
                }
                assert.deepEqual(problems, []);
            });
            it("states its defaults", () => {
                assert.ok(t.defaults.length > 20);
            });
        });
    }
});
