/**
 * A deliberately insecure SageMaker stack: every resource breaks at least one mlguard control.
 * `pulumi preview --policy-pack <mlguard>/policypack` fails on it; `npm run example` shows why
 * without a cloud account, by running the program under mocks through the pack.
 */
import * as aws from "@pulumi/aws";

// A VPC whose only route table sends everything to an internet gateway: a public subnet.
const vpc = new aws.ec2.Vpc("ml", { cidrBlock: "10.20.0.0/16" });
const igw = new aws.ec2.InternetGateway("ml-igw", { vpcId: vpc.id });
const subnet = new aws.ec2.Subnet("ml-a", { vpcId: vpc.id, cidrBlock: "10.20.1.0/24" });
const publicRoutes = new aws.ec2.RouteTable("ml-public", {
    vpcId: vpc.id,
    routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }],
});
new aws.ec2.RouteTableAssociation("ml-a-routes", { subnetId: subnet.id, routeTableId: publicRoutes.id });
const notebookSg = new aws.ec2.SecurityGroup("notebooks", { vpcId: vpc.id });

// A key without rotation.
const key = new aws.kms.Key("ml-data", { description: "ML data" });

// A training-data bucket (tagged as ML data: no ML resource of this stack refers to it) without
// Object Lock, versioning, a public access block or a TLS-only policy, with S3's default SSE-S3.
new aws.s3.Bucket("training-data", { forceDestroy: true, tags: { "ml-data-class": "training-data" } });

// An execution role that may pass any role and do anything.
const role = new aws.iam.Role("sagemaker-exec", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});
new aws.iam.RolePolicy("sagemaker-exec-everything", {
    role: role.name,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: "*", Resource: "*" },
            { Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
        ],
    }),
});

// A notebook with root access, the default direct internet access, in the public subnet.
new aws.sagemaker.NotebookInstance("research", {
    instanceType: "ml.t3.medium",
    roleArn: role.arn,
    subnetId: subnet.id,
    securityGroups: [notebookSg.id],
    kmsKeyId: key.arn,
    rootAccess: "Enabled",
});
