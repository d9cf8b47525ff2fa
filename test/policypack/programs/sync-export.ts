/** An `export default () => …` program (compiled to CommonJS with a `default` export). */
import * as aws from "@pulumi/aws";

export default () => {
    new aws.kms.Key("sync-key", { description: "from a function" });
};
