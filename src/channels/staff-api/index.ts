export { makeStaffApiRouter, STAFF_API_PATH, type StaffApiDeps } from './staff-api-router';
export { STAFF_AUDIENCE } from './staff-auth';
