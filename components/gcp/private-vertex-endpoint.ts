import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { MlguardComponentError } from "../errors";
import type { VertexCmekKey } from "./vertex-cmek-key";

const COMPONENT = "PrivateVertexEndpoint";

/** Private Service Connect (default): consumers reach the endpoint through a PSC forwarding rule. */
export interface PscConnectivity {
    kind: "psc";
    /** Projects allowed to connect; default: the endpoint's project. Never empty. */
    projectAllowlist?: string[];
    /** Consumer VPC in which Vertex AI creates the PSC endpoint automatically (PSC automation). */
    consumerNetwork?: pulumi.Input<string>;
}

/** Private services access (VPC peering): `projects/<number>/global/networks/<name>`. */
export interface PeeringConnectivity {
    kind: "peering";
    network: string;
}

export interface PrivateVertexEndpointArgs {
    project: string;
    region: string;
    /** CMEK key, in `region`. */
    key: VertexCmekKey;
    /** PSC (default) or peering; the two are mutually exclusive. There is no public mode. */
    connectivity?: PscConnectivity | PeeringConnectivity;
    /** Numeric endpoint id (≤ 10 digits, no leading zero). Default: derived from the component name. */
    endpointId?: string;
    displayName?: string;
    labels?: Record<string, string>;
}

/** A stable 10-digit id from a name, for the numeric endpoint ids Vertex requires. */
export function numericId(text: string): string {
    let h = 2166136261;
    for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    return String(1_000_000_000 + (h % 8_999_999_999));
}

/**
 * A Vertex AI online-prediction endpoint reachable only privately (Private Service Connect with a
 * project allowlist, or VPC peering) and encrypted with a `VertexCmekKey` in the same region.
 * Deploy models to it from pipelines; restrict `aiplatform.endpoints.deploy` to the pipeline SA.
 */
export class PrivateVertexEndpoint extends pulumi.ComponentResource {
    public static readonly __pulumiType = "mlguard:gcp:PrivateVertexEndpoint";

    public readonly endpoint: gcp.vertex.AiEndpoint;
    public readonly endpointName: pulumi.Output<string>;

    constructor(name: string, args: PrivateVertexEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
        super(PrivateVertexEndpoint.__pulumiType, name, {}, opts);
        args.key.assertSameRegion(COMPONENT, "region", args.region);
        const connectivity = args.connectivity ?? { kind: "psc" };
        const endpointId = args.endpointId ?? numericId(`${args.project}/${name}`);
        if (!/^[1-9][0-9]{0,9}$/.test(endpointId)) {
            throw new MlguardComponentError(COMPONENT, "endpointId", `"${endpointId}" must be numeric, at most 10 digits, without a leading zero`);
        }
        let psc: gcp.types.input.vertex.AiEndpointPrivateServiceConnectConfig | undefined;
        let network: string | undefined;
        if (connectivity.kind === "psc") {
            const allow = connectivity.projectAllowlist ?? [args.project];
            if (allow.length === 0 || allow.some((p) => p === "*" || p.trim() === "")) {
                throw new MlguardComponentError(COMPONENT, "connectivity.projectAllowlist", "must list the consumer projects (not empty, no wildcards)");
            }
            psc = {
                enablePrivateServiceConnect: true,
                projectAllowlists: allow,
                pscAutomationConfigs: connectivity.consumerNetwork !== undefined
                    ? [{ projectId: args.project, network: connectivity.consumerNetwork }]
                    : undefined,
            };
        } else if (connectivity.kind === "peering") {
            if (!/^projects\/\d+\/global\/networks\/[a-z0-9-]+$/.test(connectivity.network ?? "")) {
                throw new MlguardComponentError(COMPONENT, "connectivity.network", `"${connectivity.network}" must be projects/<project NUMBER>/global/networks/<name>`);
            }
            network = connectivity.network;
        } else {
            throw new MlguardComponentError(COMPONENT, "connectivity", `kind must be "psc" or "peering"`);
        }
        this.endpoint = new gcp.vertex.AiEndpoint(`${name}-endpoint`, {
            project: args.project,
            location: args.region,
            region: args.region,
            name: endpointId,
            displayName: args.displayName ?? name,
            encryptionSpec: { kmsKeyName: args.key.keyId },
            privateServiceConnectConfig: psc,
            network,
            labels: { ...(args.labels ?? {}), "mlguard-component": "private-vertex-endpoint" },
        }, { parent: this, dependsOn: args.key.grants });
        this.endpointName = this.endpoint.name;
        this.registerOutputs({ endpointName: this.endpointName });
    }
}
