/** Reads project-scoped, namespaced and secret config, and the project, stack and organization. */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const sizes = config.requireObject<number[]>("sizes");
new aws.s3.Bucket("configured", {
    bucket: `${pulumi.getProject()}-${pulumi.getStack()}-${pulumi.getOrganization()}-${config.require("bucketSuffix")}`,
    tags: { region: new pulumi.Config("aws").require("region"), size: String(sizes[1]) },
});
new aws.ssm.Parameter("token", { type: "SecureString", value: config.requireSecret("apiToken") });
