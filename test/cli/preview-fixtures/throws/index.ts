// A program that fails on its own input.
import * as aws from "@pulumi/aws";

new aws.kms.Key("first", { enableKeyRotation: true });
throw new Error("invalid environment name");
