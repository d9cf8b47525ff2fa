import control from "../../catalog/controls/aws-iam-no-service-wildcard";
import { types } from "../../catalog/resource-types";
import { serviceActions } from "../../catalog/iam/action-catalog";
import { UNKNOWN, edgeCases } from "../support/controls";

/** `sts:A*`, `sts:D*`, …: one prefix pattern per initial letter of the service's actions (in the catalogue). */
const byInitial = (service: string) => [...new Set(serviceActions(service)!.map((a) => `${service}:${a[service.length + 1]}*`))];

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const policy = (p: unknown) => [{ type: types.iamPolicy, name: "p", props: { policy: p } }];

edgeCases(control, [
    { name: "specific actions pass", resources: policy(doc({ Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" })), expect: ["pass"] },
    { name: "s3:* fails", resources: policy(doc({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/*" })), expect: ["fail"], message: /s3:\*/ },
    { name: "a single-string Action in another case fails", resources: policy(doc({ Effect: "Allow", Action: "SageMaker:*", Resource: "*" })), expect: ["fail"], message: /sagemaker:\*/ },
    { name: "a wildcard in the middle of a name is not service-wide", resources: policy(doc({ Effect: "Allow", Action: "s3:*Object*", Resource: "*" })), expect: ["pass"] },
    { name: "a prefix wildcard is not service-wide", resources: policy(doc({ Effect: "Allow", Action: "s3:Get*", Resource: "*" })), expect: ["pass"] },
    { name: "Deny s3:* passes", resources: policy(doc({ Effect: "Deny", Action: "s3:*", Resource: "*" })), expect: ["pass"] },
    { name: "a service-part wildcard (s*:*) expands to every service it names", resources: policy(doc({ Effect: "Allow", Action: "s*:*", Resource: "*" })), expect: ["fail"], message: /s3:\*.*and \d+ more services/ },
    { name: "prefix patterns that together cover a whole service fail", resources: policy(doc({ Sid: "Sts", Effect: "Allow", Action: byInitial("sts"), Resource: "*" })), expect: ["fail"], message: /Statement "Sts".*sts:\*/ },
    { name: "prefix patterns that leave one initial out pass", resources: policy(doc({ Effect: "Allow", Action: byInitial("sts").slice(1), Resource: "*" })), expect: ["pass"] },
    { name: "every action listed by name is explicit, not a wildcard", resources: policy(doc({ Effect: "Allow", Action: [...serviceActions("sts")!], Resource: "*" })), expect: ["pass"] },
    { name: "a service outside the catalogue is judged as written and said", resources: policy(doc({ Effect: "Allow", Action: "brandnewservice:*", Resource: "*" })), expect: ["fail"], message: /brandnewservice:\*.*not in the AWS action catalogue/ },
    { name: "*:* is aws-iam-no-admin-wildcard's concern", resources: policy(doc({ Effect: "Allow", Action: "*:*", Resource: "*" })), expect: ["pass"] },
    { name: "an allow-listed service passes", resources: policy(doc({ Effect: "Allow", Action: "logs:*", Resource: "*" })), settings: { allowedServices: ["LOGS"] }, expect: ["pass"] },
    { name: "an allow-list does not cover other services", resources: policy(doc({ Effect: "Allow", Action: ["logs:*", "kms:*"], Resource: "*" })), settings: { allowedServices: ["logs"] }, expect: ["fail"], message: /kms:\*/ },
    { name: "a computed action is not verifiable", resources: policy({ Statement: [{ Effect: "Allow", Action: [UNKNOWN], Resource: "*" }] }), expect: ["unknown"] },
    { name: "a computed document is not verifiable", resources: policy(UNKNOWN), expect: ["unknown"] },
    { name: "an odd Action shape does not crash", resources: policy(doc({ Effect: "Allow", Action: { nested: true }, Resource: "*" })), expect: ["unknown"] },
]);
