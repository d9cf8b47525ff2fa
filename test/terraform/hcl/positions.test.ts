import * as assert from "node:assert/strict";
import { parseHcl, parseTfJson, tokenizeHcl, type Template } from "../../../terraform-checks/hcl";

describe("HCL tokens and positions", () => {
    it("gives every token a range; columns count code points, offsets count UTF-8 bytes", () => {
        const tokens = tokenizeHcl('é = "😀${x}"\r\n');
        assert.deepEqual(
            tokens.map((t) => `${t.type} ${JSON.stringify(t.text)} ${t.range.start.line}:${t.range.start.column}@${t.range.start.offset}`),
            [
                'Ident "é" 1:1@0',
                'Equal "=" 1:3@3',
                'OQuote "\\"" 1:5@5',
                'TemplateLit "😀" 1:6@6',
                'TemplateInterp "${" 1:7@10',
                'Ident "x" 1:9@12',
                'TemplateSeqEnd "}" 1:10@13',
                'CQuote "\\"" 1:11@14',
                'Newline "\\r\\n" 1:12@15',
                'EOF "" 2:1@17',
            ],
        );
    });

    it("reports each redefined attribute against its first definition, in small and large bodies", () => {
        const names = Array.from({ length: 20 }, (_, i) => `a${i}`);
        const text = [...names.map((n) => `${n} = 1`), "a2 = 2", "a18 = 2", "a2 = 3", "late = 1", "late = 2"].join("\n") + "\n";
        const { diagnostics } = parseHcl(text, "dup.tf");
        assert.deepEqual(
            diagnostics.map((d) => `${d.range.start.line}: ${d.detail}`),
            [
                '21: The argument "a2" was already set at dup.tf:3,1. Each argument may be set only once.',
                '22: The argument "a18" was already set at dup.tf:19,1. Each argument may be set only once.',
                '23: The argument "a2" was already set at dup.tf:3,1. Each argument may be set only once.',
                '25: The argument "late" was already set at dup.tf:24,1. Each argument may be set only once.',
            ],
        );
    });

    it("does not count a byte order mark as a column", () => {
        const { body } = parseHcl("\ufeffa = 1\n", "bom.tf");
        assert.deepEqual(body.attributes[0].nameRange.start, { line: 1, column: 1, offset: 3 });
    });

    it("points an attribute at its own line inside a block", () => {
        const { body } = parseHcl('resource "x" "y" {\n  a = 1\n  b = [\n    2,\n  ]\n}\n', "r.tf");
        const [a, b] = body.blocks[0].body.attributes;
        assert.equal(a.range.start.line, 2);
        assert.deepEqual([b.range.start.line, b.range.end.line], [3, 5]);
        assert.deepEqual(body.blocks[0].closeBraceRange.start, { line: 6, column: 1, offset: 46 });
    });

    it("maps template positions in JSON strings back to the file, through escapes", () => {
        const text = '{"locals": {"a": "\\"q\\" ${var.x}"}}';
        const { body, diagnostics } = parseTfJson(text, "l.tf.json");
        assert.deepEqual(diagnostics, []);
        const template = body.blocks[0].body.attributes[0].expression as Template;
        const interp = template.parts[1];
        assert.equal(interp.type, "TemplateInterpolation");
        assert.equal(text.slice(interp.range.start.offset, interp.range.end.offset), "${var.x}");
    });

    it("parses Terraform JSON blocks into the same shape as native syntax", () => {
        const native = parseHcl('resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n', "a.tf").body;
        const json = parseTfJson('{"resource": {"aws_s3_bucket": {"b": {"bucket": "x"}}}}', "a.tf.json").body;
        const shape = (b: typeof native) =>
            b.blocks.map((blk) => [blk.blockType, blk.labels.map((l) => l.value), blk.body.attributes.map((a) => [a.name, a.expression.type])]);
        assert.deepEqual(shape(json), shape(native));
    });
});
