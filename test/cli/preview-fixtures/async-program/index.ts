// An `export = async () => …` program with a local component: findings land on the constructor calls here.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

class Notebooks extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("test:index:Notebooks", name, {}, opts);
        new aws.sagemaker.NotebookInstance(`${name}-nb`, { instanceType: "ml.t3.medium", roleArn: "arn:aws:iam::111122223333:role/x", rootAccess: "Disabled", directInternetAccess: "Disabled", subnetId: "subnet-1", kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/k" }, { parent: this });
        this.registerOutputs({});
    }
}

export = async () => {
    const config = new pulumi.Config();
    await Promise.resolve();
    const key = new aws.kms.Key("data", { description: config.require("keyDescription") });
    new Notebooks("team");
    return { keyArn: key.arn };
};
