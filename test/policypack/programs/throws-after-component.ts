/** A program that creates a component and then throws: its outputs are registered after the throw. */
import * as pulumi from "@pulumi/pulumi";

class Platform extends pulumi.ComponentResource {
    constructor(name: string) {
        super("test:index:Platform", name);
        this.registerOutputs({ ready: true });
    }
}

new Platform("half-built");
throw new Error("bad input after the component");
