import type { CareDeps } from '../../deps';
import type { ProcedureApis } from '../procedure-definition';
import type { DefinitionSet } from '../procedure-runner';
import { billInquiry } from './bill-inquiry';
import { billAdjustment } from './bill-adjustment';
import { paymentExtension } from './payment-extension';
import { newService } from './new-service';
import { modifyService } from './modify-service';
import { discontinueService } from './discontinue-service';
import { repair } from './repair';
import { newCustomer } from './new-customer';

/** The guided procedures, one definition file each. */
export function createDefinitions(deps: CareDeps, apis: ProcedureApis): DefinitionSet {
  return {
    'bill-inquiry': billInquiry(apis),
    'bill-adjustment': billAdjustment(deps, apis),
    'payment-extension': paymentExtension(deps, apis),
    'new-service': newService(deps, apis),
    'modify-service': modifyService(deps, apis),
    'discontinue-service': discontinueService(deps, apis),
    repair: repair(deps, apis),
    'new-customer': newCustomer(deps, apis),
  };
}
