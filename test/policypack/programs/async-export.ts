/** An `export = async () => …` program: nothing is created until the runtime calls it. */
import * as aws from "@pulumi/aws";

export = async () => {
    await Promise.resolve();
    const bucket = new aws.s3.Bucket("late-bucket", { forceDestroy: true });
    return { bucketName: bucket.bucket };
};
