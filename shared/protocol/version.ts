// Alone in its file so that the apps can check a view's protocol without pulling in the schemas.
export const PROTOCOL_VERSION = 3;
