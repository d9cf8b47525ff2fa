// Reaches for the network while the program runs: mlguard preview must refuse it.
import * as aws from "@pulumi/aws";

export = async () => {
    const response = await fetch("https://example.com/bucket-name.txt");
    new aws.s3.Bucket("fetched", { bucket: await response.text() });
};
