/**
 * Secure-by-default Pulumi components for SageMaker and Vertex AI:
 * `import { aws, gcp } from "mlguard/components"`.
 */
import * as aws from "./aws";
import * as gcp from "./gcp";
export { aws, gcp };
export { MlguardComponentError, EXCEPTION_TAG, type EscapeHatch, type Environment } from "./errors";
