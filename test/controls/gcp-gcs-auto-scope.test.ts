import * as assert from "node:assert/strict";
import control from "../../catalog/controls/gcp-gcs-no-public-access";
import cmek from "../../catalog/controls/gcp-gcs-cmek";
import { types } from "../../catalog/resource-types";
import { scanTerraformSources } from "../../terraform-checks";
import { UNKNOWN, check, edgeCases, type TableResource } from "../support/controls";

/** A bucket failing gcp-gcs-no-public-access (public access prevention inherited). */
const bucket = (name: string, props: Record<string, unknown> = {}): TableResource => ({
    type: types.storageBucket, name, props: { name, location: "US", uniformBucketLevelAccess: true, publicAccessPrevention: "inherited", ...props },
});
const index = (uri: unknown, deps?: Record<string, string[]>): TableResource => ({
    type: types.vertexIndex, name: "emb", props: { displayName: "emb", region: "us-central1", metadata: { contentsDeltaUri: uri } }, deps,
});

describe("GCS auto scope", () => {
    edgeCases(control, [
        { name: "no ML resource in the stack: every bucket is checked", resources: [bucket("logs")], expect: ["fail"] },
        { name: "a bucket a Vertex AI resource names by gs:// URI is checked, saying why", resources: [bucket("emb-data"), index("gs://emb-data/delta")], expect: ["fail"], message: /In scope: used by ML: metadata\.contentsDeltaUri of vertex\.AiIndex "emb"/ },
        { name: "a bucket a Vertex AI resource refers to is checked", resources: [bucket("emb-data"), index(UNKNOWN, { metadata: ["emb-data"] })], expect: ["fail"], message: /used by ML: metadata of/ },
        { name: "a bucket no ML resource uses is not applicable when the stack has ML resources", resources: [bucket("logs"), index("gs://emb-data/delta")], expect: ["not-applicable"] },
        { name: "the scope label brings an unused bucket in, saying why", resources: [bucket("logs", { labels: { "ml-data-class": "training" } }), index("gs://emb-data/delta")], settings: { scopeLabel: "ml-data-class" }, expect: ["fail"], message: /carries the "ml-data-class" label/ },
        { name: "with a scope label, an ML-used bucket without it is still checked", resources: [bucket("emb-data"), index("gs://emb-data/delta")], settings: { scopeLabel: "ml-data-class" }, expect: ["fail"] },
        { name: "computed labels with a scope label are checked", resources: [bucket("logs", { labels: UNKNOWN }), index("gs://emb-data/delta")], settings: { scopeLabel: "ml-data-class" }, expect: ["fail"] },
    ]);

    it("the not-applicable result says why the bucket is out of scope", () => {
        const [f] = check(cmek, [bucket("logs"), index("gs://emb-data/delta")]);
        assert.equal(f.status, "not-applicable");
        assert.match(f.message, /No Vertex AI, Workbench or Colab resource of the stack refers to the bucket/);
    });

    it("Terraform: buckets referred to (or named by URI) by Vertex AI resources are in scope, others not", async () => {
        const source = `
resource "google_storage_bucket" "embeddings" {
  name                        = "ml-embeddings"
  location                    = "US"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket" "staging" {
  name                        = "ml-staging"
  location                    = "US"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket" "access_logs" {
  name                        = "ml-access-logs"
  location                    = "US"
  uniform_bucket_level_access = true
}

resource "google_vertex_ai_index" "emb" {
  display_name = "emb"
  region       = "us-central1"
  metadata {
    contents_delta_uri = "gs://\${google_storage_bucket.embeddings.name}/delta"
  }
}

resource "google_vertex_ai_index" "other" {
  display_name = "other"
  region       = "us-central1"
  metadata {
    contents_delta_uri = "gs://ml-staging/delta"
  }
}
`;
        const { findings } = await scanTerraformSources({ "main.tf": source }, { controls: [control] });
        const by = Object.fromEntries(findings.filter((f) => f.controlId === control.id).map((f) => [f.resourceId, f]));
        assert.equal(by["google_storage_bucket.embeddings"].status, "fail");
        assert.match(by["google_storage_bucket.embeddings"].message, /In scope: used by ML: metadata\.contentsDeltaUri of google_vertex_ai_index\.emb/);
        assert.equal(by["google_storage_bucket.staging"].status, "fail");
        assert.match(by["google_storage_bucket.staging"].message, /google_vertex_ai_index\.other/);
        assert.equal(by["google_storage_bucket.access_logs"].status, "not-applicable");
        assert.match(by["google_storage_bucket.access_logs"].message, /module tree/);
    });
});
