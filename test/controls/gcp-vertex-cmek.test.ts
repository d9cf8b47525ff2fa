import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import control, { keyLocation } from "../../catalog/controls/gcp-vertex-cmek";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const KEY = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/vertex";
const dataset = (props: Record<string, unknown>) => [
    { type: types.vertexDataset, name: "ds", props: { displayName: "ds", region: "us-central1", metadataSchemaUri: "gs://x/tabular.yaml", encryptionSpec: { kmsKeyName: KEY }, ...props } },
];

edgeCases(control, [
    { name: "a key in the resource's region passes", resources: dataset({}), expect: ["pass"] },
    { name: "absent encryptionSpec fails: Google-managed keys", resources: dataset({ encryptionSpec: undefined }), expect: ["fail"], message: /Google-managed/ },
    { name: "an empty encryptionSpec fails", resources: dataset({ encryptionSpec: {} }), expect: ["fail"] },
    { name: "an empty key fails", resources: dataset({ encryptionSpec: { kmsKeyName: "" } }), expect: ["fail"] },
    { name: "a number key fails without throwing", resources: dataset({ encryptionSpec: { kmsKeyName: 42 } }), expect: ["fail"] },
    { name: "a computed key (key.id) counts as present", resources: dataset({ encryptionSpec: { kmsKeyName: UNKNOWN } }), expect: ["pass"] },
    { name: "a computed encryptionSpec is not verifiable yet", resources: dataset({ encryptionSpec: UNKNOWN }), expect: ["unknown"] },
    { name: "a key in another region fails", resources: dataset({ encryptionSpec: { kmsKeyName: KEY.replace("us-central1", "europe-west4") } }), expect: ["fail"], message: /not the resource's region/ },
    { name: "a global key fails for a regional resource", resources: dataset({ encryptionSpec: { kmsKeyName: KEY.replace("us-central1", "global") } }), expect: ["fail"] },
    { name: "region absent (provider default): the key location is not compared", resources: dataset({ region: undefined, encryptionSpec: { kmsKeyName: KEY.replace("us-central1", "europe-west4") } }), expect: ["pass"] },
    { name: "a computed region: the key location is not compared", resources: dataset({ region: UNKNOWN }), expect: ["pass"] },
    { name: "a region in upper case matches", resources: dataset({ region: "US-CENTRAL1" }), expect: ["pass"] },
    { name: "a key name without locations is not compared", resources: dataset({ encryptionSpec: { kmsKeyName: "vertex-key" } }), expect: ["pass"] },
    { name: "a one-element list encryptionSpec (Terraform block shape) reads like an object", resources: dataset({ encryptionSpec: [{ kmsKeyName: KEY }] }), expect: ["pass"] },
    { name: "persistent resources are compared on location", resources: [{ type: types.vertexPersistentResource, name: "pr", props: { location: "us-east1", encryptionSpec: { kmsKeyName: KEY } } }], expect: ["fail"] },
    ...control.subjects.map((t) => ({ name: `${t.terraform} without a key fails`, resources: [{ type: t, name: "r", props: { region: "us-central1" } }], expect: ["fail" as const] })),
]);

describe("gcp-vertex-cmek covers the SDK", () => {
    it("its subjects are exactly the Vertex AI resources whose *Args have a top-level encryptionSpec", () => {
        const dir = path.join(path.dirname(require.resolve("@pulumi/gcp/package.json")), "vertex");
        const withSpec: string[] = [];
        for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".d.ts"))) {
            const text = fs.readFileSync(path.join(dir, file), "utf8");
            const args = /^export interface (\w+)Args \{\n([\s\S]*?)^\}/m.exec(text);
            if (args && /^ {4}encryptionSpec\?:/m.test(args[2]) && new RegExp(`^export declare class ${args[1]} `, "m").test(text)) withSpec.push(`vertex.${args[1]}`);
        }
        assert.ok(withSpec.length >= 8, withSpec.join());
        assert.deepEqual(control.subjects.map((t) => t.sdk.path).sort(), withSpec.sort());
    });

    it("keyLocation reads the location segment", () => {
        assert.equal(keyLocation(KEY), "us-central1");
        assert.equal(keyLocation("//cloudkms.googleapis.com/projects/p/locations/EU/keyRings/r/cryptoKeys/k"), "eu");
        assert.equal(keyLocation("k"), undefined);
    });
});
