import { defineControl } from "../control";
import { ref } from "../examples";
import { allOf, expectBoolean, isComputedValue } from "../helpers/outcomes";
import { type Attr, anyProp, listLength } from "../helpers/props";
import { asBoolean } from "../helpers/coerce";
import { fail, notApplicable, pass, unknown } from "../helpers/results";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";

/** Present for a join: a literal non-empty string, or a computed value (`network.id`). */
function isSet(attr: Attr): boolean {
    return isComputedValue(attr) || (attr.state === "explicit" && typeof attr.value === "string" && attr.value.trim() !== "");
}

/** Private Service Connect on, with at least one allowed project; `undefined` when not decidable. */
function pscState(resource: Resource, block: string): "on" | "off" | "no-allowlist" | "unknown" {
    const enabled = anyProp(resource, `${block}.enablePrivateServiceConnect`);
    if (enabled.state === "unknown") return "unknown";
    if (asBoolean(enabled) !== true) return "off";
    const allow = anyProp(resource, `${block}.projectAllowlists`);
    if (allow.state === "unknown") return "unknown";
    return (listLength(allow) ?? 0) > 0 ? "on" : "no-allowlist";
}

function checkEndpoint(ep: Resource): CheckResult[] {
    const psc = pscState(ep, "privateServiceConnectConfig");
    const network = anyProp(ep, "network");
    const block = anyProp(ep, "privateServiceConnectConfig");
    if (psc === "on") return [pass(block, "The endpoint is served through Private Service Connect to allow-listed projects.")];
    if (isSet(network)) return [pass(network, "The endpoint is served through private services access (VPC peering).")];
    if (psc === "unknown" || network.state === "unknown") {
        return [unknown(psc === "unknown" ? block : network, "The endpoint's private networking is computed; it must use Private Service Connect or a peered network.")];
    }
    if (psc === "no-allowlist") {
        return [fail(anyProp(ep, "privateServiceConnectConfig.projectAllowlists"), "Private Service Connect is on but no project is allow-listed (privateServiceConnectConfig.projectAllowlists); list the consumer projects.")];
    }
    const dedicated = asBoolean(anyProp(ep, "dedicatedEndpointEnabled")) === true;
    return [
        fail(
            block.state === "explicit" ? block : ep,
            dedicated
                ? "The endpoint has a dedicated public DNS endpoint (dedicatedEndpointEnabled without Private Service Connect); enable privateServiceConnectConfig or set network."
                : "The endpoint is served on the public regional API; enable privateServiceConnectConfig (with projectAllowlists) or set network (VPC peering).",
        ),
    ];
}

function checkIndexEndpoint(ie: Resource): CheckResult[] {
    const results: CheckResult[] = [
        expectBoolean(anyProp(ie, "publicEndpointEnabled"), false, {
            defaultValue: false,
            what: "The public endpoint",
            fix: "remove publicEndpointEnabled or set it to false",
        }),
    ];
    const network = anyProp(ie, "network");
    const enabled = anyProp(ie, "privateServiceConnectConfig.enablePrivateServiceConnect");
    if (isSet(network)) results.push(pass(network, "The index endpoint is served through VPC peering."));
    else if (asBoolean(enabled) === true) results.push(pass(enabled, "The index endpoint is served through Private Service Connect."));
    else if (network.state === "unknown" || enabled.state === "unknown") {
        results.push(unknown(network.state === "unknown" ? network : enabled, "The index endpoint's private networking is computed; it must use a peered network or Private Service Connect."));
    } else {
        results.push(fail(network.state === "explicit" ? network : ie, "The index endpoint has no private network; set network (VPC peering) or enable privateServiceConnectConfig."));
    }
    return results;
}

function checkFeatureOnlineStore(store: Resource): CheckResult[] {
    const optimized = anyProp(store, "optimized");
    const bigtable = anyProp(store, "bigtable");
    if (optimized.state === "absent" && bigtable.state === "explicit") {
        return [notApplicable(bigtable, "Bigtable online stores are served through the regional API only; protect them with a VPC Service Controls perimeter.")];
    }
    const psc = pscState(store, "dedicatedServingEndpoint.privateServiceConnectConfig");
    const block = anyProp(store, "dedicatedServingEndpoint.privateServiceConnectConfig");
    if (psc === "on") return [pass(block, "The online store is served through Private Service Connect to allow-listed projects.")];
    if (psc === "unknown" || optimized.state === "unknown") return [unknown(block, "The online store's serving endpoint is computed; it must use Private Service Connect.")];
    if (psc === "no-allowlist") {
        return [fail(anyProp(store, "dedicatedServingEndpoint.privateServiceConnectConfig.projectAllowlists"), "Private Service Connect is on but no project is allow-listed; list the consumer projects.")];
    }
    return [
        fail(
            block.state === "explicit" ? block : store,
            "The optimized online store's dedicated serving endpoint is public; set dedicatedServingEndpoint.privateServiceConnectConfig with enablePrivateServiceConnect and projectAllowlists.",
        ),
    ];
}

export default defineControl<unknown>({
    id: "gcp-vertex-private-endpoints",
    title: "Vertex AI endpoints, index endpoints and optimized feature online stores must be served privately (PSC or VPC peering)",
    severity: "high",
    provider: "gcp",
    rationale:
        "A Vertex AI endpoint without Private Service Connect or a peered `network` serves predictions on the public " +
        "regional API: anyone holding a token that can call it can do so from anywhere, which is how models are extracted " +
        "and inference data exfiltrated. Index endpoints expose embeddings the same way (and `publicEndpointEnabled` " +
        "makes them public explicitly), and optimized feature online stores get a public dedicated serving endpoint " +
        "unless Private Service Connect is on. Serving privately keeps calls inside your VPC and its firewall and perimeter.",
    remediation: {
        terraform:
            "On `google_vertex_ai_endpoint` set `private_service_connect_config { enable_private_service_connect = true, project_allowlist = [...] }` " +
            "or `network` (private services access); on `google_vertex_ai_index_endpoint` leave `public_endpoint_enabled` unset and set " +
            "`network` or `private_service_connect_config`; on an optimized `google_vertex_ai_feature_online_store` set " +
            "`dedicated_serving_endpoint { private_service_connect_config { enable_private_service_connect = true, project_allowlist = [...] } }`.",
        pulumi:
            "On `gcp.vertex.AiEndpoint` set `privateServiceConnectConfig: { enablePrivateServiceConnect: true, projectAllowlists: [...] }` or " +
            "`network`; on `gcp.vertex.AiIndexEndpoint` leave `publicEndpointEnabled` unset and set `network` or `privateServiceConnectConfig`; " +
            "on an optimized `gcp.vertex.AiFeatureOnlineStore` set `dedicatedServingEndpoint.privateServiceConnectConfig` " +
            "with `enablePrivateServiceConnect: true` and `projectAllowlists`.",
    },
    frameworks: {
        "nist-800-53": ["SC-7", "AC-4", "AC-17"],
        "owasp-ml": ["ML05"],
    },
    tags: ["vertex-ai", "network", "serving"],
    aliases: {},
    subjects: [types.vertexEndpoint, types.vertexIndexEndpoint, types.vertexFeatureOnlineStore],
    scope: "resource",
    options: {},
    check(resource) {
        const results =
            resource.type === types.vertexEndpoint.token
                ? checkEndpoint(resource)
                : resource.type === types.vertexIndexEndpoint.token
                  ? checkIndexEndpoint(resource)
                  : checkFeatureOnlineStore(resource);
        if (results.length === 1 && results[0].status === "not-applicable") return results;
        return allOf(resource, results, "The resource is served privately.");
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.vertexEndpoint,
                        name: "serving",
                        props: {
                            name: "serving",
                            displayName: "serving",
                            location: "us-central1",
                            privateServiceConnectConfig: { enablePrivateServiceConnect: true, projectAllowlists: ["ml-prod"] },
                        },
                    },
                    { type: types.computeNetwork, name: "ml-vpc", props: { autoCreateSubnetworks: false } },
                    { type: types.vertexIndexEndpoint, name: "vectors", props: { displayName: "vectors", region: "us-central1", network: ref("ml-vpc", "id") } },
                    {
                        type: types.vertexFeatureOnlineStore,
                        name: "features",
                        props: {
                            name: "features",
                            region: "us-central1",
                            optimized: {},
                            dedicatedServingEndpoint: { privateServiceConnectConfig: { enablePrivateServiceConnect: true, projectAllowlists: ["ml-prod"] } },
                        },
                    },
                ],
            ],
            bad: [
                [{ type: types.vertexEndpoint, name: "serving", props: { name: "serving", displayName: "serving", location: "us-central1" } }],
                [{ type: types.vertexIndexEndpoint, name: "vectors", props: { displayName: "vectors", region: "us-central1", publicEndpointEnabled: true } }],
                [{ type: types.vertexFeatureOnlineStore, name: "features", props: { name: "features", region: "us-central1", optimized: {} } }],
            ],
        },
        terraform: {
            good: [
                `resource "google_vertex_ai_endpoint" "serving" {
  name         = "serving"
  display_name = "serving"
  location     = "us-central1"

  private_service_connect_config {
    enable_private_service_connect = true
    project_allowlist              = ["ml-prod"]
  }
}

resource "google_compute_network" "ml" {
  name                    = "ml"
  auto_create_subnetworks = false
}

resource "google_vertex_ai_index_endpoint" "vectors" {
  display_name = "vectors"
  region       = "us-central1"
  network      = google_compute_network.ml.id
}

resource "google_vertex_ai_feature_online_store" "features" {
  name   = "features"
  region = "us-central1"

  optimized {}

  dedicated_serving_endpoint {
    private_service_connect_config {
      enable_private_service_connect = true
      project_allowlist              = ["ml-prod"]
    }
  }
}
`,
            ],
            bad: [
                `resource "google_vertex_ai_endpoint" "serving" {
  name         = "serving"
  display_name = "serving"
  location     = "us-central1"
}
`,
                `resource "google_vertex_ai_index_endpoint" "vectors" {
  display_name            = "vectors"
  region                  = "us-central1"
  public_endpoint_enabled = true
}
`,
                `resource "google_vertex_ai_feature_online_store" "features" {
  name   = "features"
  region = "us-central1"

  optimized {}
}
`,
            ],
        },
    },
});
