/** Builds IAM and GCP settings from the identity and policy-document look-ups. */
import * as aws from "@pulumi/aws";
import * as gcp from "@pulumi/gcp";

const identity = aws.getCallerIdentityOutput();
const bucket = new aws.s3.Bucket("data", { forceDestroy: true });
const doc = aws.iam.getPolicyDocumentOutput({
    statements: [
        { sid: "ReadData", actions: ["s3:GetObject"], resources: [bucket.arn.apply((a) => `${a}/*`)], principals: [{ type: "AWS", identifiers: [identity.apply((i) => `arn:aws:iam::${i.accountId}:root`)] }] },
        { sid: "Everything", actions: ["*"], resources: ["*"] },
    ],
});
new aws.iam.Policy("data-access", { policy: doc.json });
const project = gcp.organizations.getProjectOutput({});
new gcp.storage.Bucket("models", { location: "EU", labels: { number: project.number } });
