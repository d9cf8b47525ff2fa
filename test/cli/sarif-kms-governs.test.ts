import * as assert from "node:assert/strict";
import { formatSarif } from "../../cli/report";
import control from "../../catalog/controls/gcp-iam-no-public-members";
import { scanTerraformSources } from "../../terraform-checks";
import { engineOutput, fixtureResult } from "./fixture";

const SOURCE = `
resource "google_kms_key_ring" "ml" {
  name     = "ml"
  location = "us-central1"
}

resource "google_kms_crypto_key" "models" {
  name     = "models"
  key_ring = google_kms_key_ring.ml.id
}

resource "google_kms_crypto_key_iam_member" "public" {
  crypto_key_id = google_kms_crypto_key.models.id
  role          = "roles/cloudkms.cryptoKeyDecrypter"
  member        = "allUsers"
}

resource "google_kms_key_ring_iam_member" "ring_public" {
  key_ring_id = "projects/ml-prod/locations/us-central1/keyRings/other"
  role        = "roles/cloudkms.viewer"
  member      = "allAuthenticatedUsers"
}

resource "google_storage_bucket_iam_member" "bucket_public" {
  bucket = "ml-data"
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
`;

describe("public Cloud KMS grants name the key", () => {
    it("in the finding and as a SARIF logical location", async () => {
        const { findings, diagnostics, stats } = await scanTerraformSources({ "main.tf": SOURCE }, { controls: [control] });
        const fails = findings.filter((f) => f.controlId === control.id && f.status === "fail");
        const byResource = Object.fromEntries(fails.map((f) => [f.resourceId, f]));
        assert.deepEqual(byResource["google_kms_crypto_key_iam_member.public"].governs, { kind: "kms-key", name: "google_kms_crypto_key.models" });
        assert.match(byResource["google_kms_crypto_key_iam_member.public"].message, /Cloud KMS key models \(google_kms_crypto_key\.models\)/);
        assert.deepEqual(byResource["google_kms_key_ring_iam_member.ring_public"].governs, { kind: "kms-key-ring", name: "projects/ml-prod/locations/us-central1/keyRings/other" });
        assert.equal(byResource["google_storage_bucket_iam_member.bucket_public"].governs, undefined);

        const result = fixtureResult({
            output: engineOutput({ findings: fails, diagnostics, stats, files: ["main.tf"] }),
            sources: new Map([["main.tf", SOURCE]]),
            controls: [control],
        });
        const log = JSON.parse(formatSarif(result, [control]));
        const logical = (resourceId: string) =>
            log.runs[0].results.find((r: { locations: Array<{ logicalLocations: Array<{ fullyQualifiedName: string }> }> }) =>
                r.locations[0].logicalLocations[0].fullyQualifiedName === resourceId).locations[0].logicalLocations;
        assert.deepEqual(logical("google_kms_crypto_key_iam_member.public"), [
            { fullyQualifiedName: "google_kms_crypto_key_iam_member.public", kind: "resource" },
            { fullyQualifiedName: "google_kms_crypto_key.models", name: "Cloud KMS key", kind: "resource" },
        ]);
        assert.equal(logical("google_kms_key_ring_iam_member.ring_public")[1].name, "Cloud KMS key ring");
        assert.equal(logical("google_storage_bucket_iam_member.bucket_public").length, 1);
    });
});
