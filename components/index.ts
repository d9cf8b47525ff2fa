/**
 * Secure-by-default Pulumi components: `import { aws, gcp } from "mlguard/components"`.
 * Each namespace loads only its own cloud SDK when first imported.
 */
import * as aws from "./aws";
export { aws };
export { MlguardComponentError, EXCEPTION_TAG, type EscapeHatch, type Environment } from "./errors";
