import control from "../../catalog/controls/aws-sagemaker-model-network-isolation";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";
import { terraformCases } from "../support/terraform-cases";

const model = (props: Record<string, unknown>) => [{ type: types.sagemakerModel, name: "m", props: { executionRoleArn: "arn:aws:iam::1:role/r", ...props } }];

edgeCases(control, [
    { name: "true passes", resources: model({ enableNetworkIsolation: true }), expect: ["pass"] },
    { name: 'the string "true" passes', resources: model({ enableNetworkIsolation: "true" }), expect: ["pass"] },
    { name: "absent fails: the default is false", resources: model({}), expect: ["fail"], message: /default false/, evidence: false },
    { name: "explicit false fails", resources: model({ enableNetworkIsolation: false }), expect: ["fail"] },
    { name: "computed is not verifiable", resources: model({ enableNetworkIsolation: UNKNOWN }), expect: ["unknown"] },
    { name: "a number fails without throwing", resources: model({ enableNetworkIsolation: 1 }), expect: ["fail"] },
    {
        name: "an exemption with a reason covers the model",
        resources: model({}),
        settings: { exemptions: [{ resource: "m", reason: "calls an in-VPC feature API, RISK-77" }] },
        expect: ["fail"],
        exempted: true,
    },
]);

const tf = (line: string) => `resource "aws_sagemaker_model" "m" {
  execution_role_arn = "arn:aws:iam::111122223333:role/r"
${line}
  primary_container {
    image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/m:1"
  }
}
`;

terraformCases(control, [
    { name: "absent points at the resource header", files: { "main.tf": tf("") }, expect: ["fail"], failsAt: "resource" },
    { name: "an unresolved variable is not verifiable", files: { "main.tf": `variable "iso" {\n  type = bool\n}\n` + tf("  enable_network_isolation = var.iso") }, expect: ["unknown"] },
    {
        name: "a module input of false fails at the attribute",
        files: { "main.tf": 'module "m" {\n  source = "./m"\n  iso    = false\n}\n', "m/main.tf": 'variable "iso" {}\n' + tf("  enable_network_isolation = var.iso") },
        expect: ["fail"],
        failsAt: "enable_network_isolation",
    },
]);
