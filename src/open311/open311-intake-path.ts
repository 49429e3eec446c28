/** The anonymous GeoReport v2 intake: the one route that reads form-encoded and multipart bodies. */
export const OPEN311_INTAKE_PATH = '/open311/v2/requests.json';
