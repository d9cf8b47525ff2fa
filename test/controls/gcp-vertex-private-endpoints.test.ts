import control from "../../catalog/controls/gcp-vertex-private-endpoints";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const PSC = { enablePrivateServiceConnect: true, projectAllowlists: ["ml-prod"] };
const endpoint = (props: Record<string, unknown>) => [{ type: types.vertexEndpoint, name: "ep", props: { name: "ep", displayName: "ep", location: "us-central1", ...props } }];
const index = (props: Record<string, unknown>) => [{ type: types.vertexIndexEndpoint, name: "ie", props: { displayName: "ie", region: "us-central1", ...props } }];
const store = (props: Record<string, unknown>) => [{ type: types.vertexFeatureOnlineStore, name: "fos", props: { name: "fos", region: "us-central1", ...props } }];

edgeCases(control, [
    { name: "endpoint: PSC with an allowlist passes", resources: endpoint({ privateServiceConnectConfig: PSC }), expect: ["pass"] },
    { name: "endpoint: a peered network passes", resources: endpoint({ network: "projects/123/global/networks/ml" }), expect: ["pass"] },
    { name: "endpoint: a computed network (network.id) counts as set", resources: endpoint({ network: UNKNOWN }), expect: ["pass"] },
    { name: "endpoint: nothing set fails: public regional API", resources: endpoint({}), expect: ["fail"], message: /public regional API/ },
    { name: "endpoint: PSC off fails", resources: endpoint({ privateServiceConnectConfig: { ...PSC, enablePrivateServiceConnect: false } }), expect: ["fail"] },
    { name: "endpoint: PSC without an allowlist fails", resources: endpoint({ privateServiceConnectConfig: { enablePrivateServiceConnect: true } }), expect: ["fail"], message: /allow-listed/ },
    { name: "endpoint: PSC with an empty allowlist fails", resources: endpoint({ privateServiceConnectConfig: { enablePrivateServiceConnect: true, projectAllowlists: [] } }), expect: ["fail"] },
    { name: "endpoint: a computed allowlist is not verifiable yet", resources: endpoint({ privateServiceConnectConfig: { enablePrivateServiceConnect: true, projectAllowlists: UNKNOWN } }), expect: ["unknown"] },
    { name: "endpoint: a computed PSC block is not verifiable yet", resources: endpoint({ privateServiceConnectConfig: UNKNOWN }), expect: ["unknown"] },
    { name: "endpoint: a dedicated endpoint without PSC is named", resources: endpoint({ dedicatedEndpointEnabled: true }), expect: ["fail"], message: /dedicated public DNS/ },
    { name: 'endpoint: PSC "true" as a string passes', resources: endpoint({ privateServiceConnectConfig: { ...PSC, enablePrivateServiceConnect: "true" } }), expect: ["pass"] },
    { name: "endpoint: an empty network string fails", resources: endpoint({ network: "" }), expect: ["fail"] },
    { name: "endpoint: a one-element list PSC block (Terraform shape) reads like an object", resources: endpoint({ privateServiceConnectConfig: [PSC] }), expect: ["pass"] },
    { name: "index endpoint: a peered network passes", resources: index({ network: "projects/123/global/networks/ml" }), expect: ["pass"] },
    { name: "index endpoint: PSC passes", resources: index({ privateServiceConnectConfig: { enablePrivateServiceConnect: true } }), expect: ["pass"] },
    { name: "index endpoint: public endpoint on fails even with a network", resources: index({ publicEndpointEnabled: true, network: "n" }), expect: ["fail"], message: /public endpoint/ },
    { name: "index endpoint: nothing set fails", resources: index({}), expect: ["fail"], message: /no private network/ },
    { name: "index endpoint: a computed public flag is not verifiable yet", resources: index({ publicEndpointEnabled: UNKNOWN, network: "n" }), expect: ["unknown"] },
    { name: "index endpoint: a computed PSC block is not verifiable yet", resources: index({ privateServiceConnectConfig: UNKNOWN }), expect: ["unknown"] },
    { name: "feature online store: optimized with PSC passes", resources: store({ optimized: {}, dedicatedServingEndpoint: { privateServiceConnectConfig: PSC } }), expect: ["pass"] },
    { name: "feature online store: optimized without PSC fails", resources: store({ optimized: {} }), expect: ["fail"], message: /public/ },
    { name: "feature online store: PSC without an allowlist fails", resources: store({ optimized: {}, dedicatedServingEndpoint: { privateServiceConnectConfig: { enablePrivateServiceConnect: true } } }), expect: ["fail"] },
    { name: "feature online store: Bigtable stores are not applicable", resources: store({ bigtable: { autoScaling: { minNodeCount: 1, maxNodeCount: 2 } } }), expect: ["not-applicable"] },
    { name: "feature online store: neither kind set is held to the PSC bar", resources: store({}), expect: ["fail"] },
    { name: "feature online store: a computed serving endpoint is not verifiable yet", resources: store({ optimized: {}, dedicatedServingEndpoint: UNKNOWN }), expect: ["unknown"] },
]);
