import control from "../../catalog/controls/gcp-colab-runtime-private-cmek";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const KEY = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/colab";
const NETWORK = { enableInternetAccess: false, network: "projects/ml-prod/global/networks/ml-vpc" };
const template = (props: Record<string, unknown>) => [
    {
        type: types.colabRuntimeTemplate,
        name: "t",
        props: { location: "us-central1", displayName: "t", networkSpec: NETWORK, encryptionSpec: { kmsKeyName: KEY }, shieldedVmConfig: { enableSecureBoot: true }, ...props },
    },
];

edgeCases(control, [
    { name: "private, CMEK and Secure Boot passes", resources: template({}), expect: ["pass"] },
    { name: "a bare template fails on network, key and Secure Boot (internet access defaults off)", resources: template({ networkSpec: undefined, encryptionSpec: undefined, shieldedVmConfig: undefined }), expect: ["fail", "fail", "fail"] },
    { name: "internet access on fails", resources: template({ networkSpec: { ...NETWORK, enableInternetAccess: true } }), expect: ["fail"], message: /Internet access/ },
    { name: 'internet access "true" as a string fails', resources: template({ networkSpec: { ...NETWORK, enableInternetAccess: "true" } }), expect: ["fail"] },
    { name: "internet access absent passes (API default false)", resources: template({ networkSpec: { network: NETWORK.network } }), expect: ["pass"] },
    { name: "computed internet access is not verifiable yet", resources: template({ networkSpec: { ...NETWORK, enableInternetAccess: UNKNOWN } }), expect: ["unknown"] },
    { name: "a subnetwork alone names the network", resources: template({ networkSpec: { subnetwork: "projects/ml-prod/regions/us-central1/subnetworks/ml" } }), expect: ["pass"] },
    { name: "no network fails", resources: template({ networkSpec: { enableInternetAccess: false } }), expect: ["fail"], message: /no VPC network/ },
    { name: "a computed network id (network.id) counts as present", resources: template({ networkSpec: { enableInternetAccess: false, network: UNKNOWN } }), expect: ["pass"] },
    { name: "a computed networkSpec is not verifiable yet", resources: template({ networkSpec: UNKNOWN }), expect: ["unknown", "unknown"] },
    { name: "no key fails", resources: template({ encryptionSpec: {} }), expect: ["fail"], message: /Google-managed/ },
    { name: "an empty key fails", resources: template({ encryptionSpec: { kmsKeyName: "" } }), expect: ["fail"] },
    { name: "a computed key counts as present", resources: template({ encryptionSpec: { kmsKeyName: UNKNOWN } }), expect: ["pass"] },
    { name: "a computed encryptionSpec is not verifiable yet", resources: template({ encryptionSpec: UNKNOWN }), expect: ["unknown"] },
    { name: "Secure Boot off fails", resources: template({ shieldedVmConfig: { enableSecureBoot: false } }), expect: ["fail"], message: /Secure Boot/ },
    { name: "a number Secure Boot fails without throwing", resources: template({ shieldedVmConfig: { enableSecureBoot: 1 } }), expect: ["fail"] },
    { name: "a one-element list networkSpec (Terraform block shape) reads like an object", resources: template({ networkSpec: [NETWORK] }), expect: ["pass"] },
]);
