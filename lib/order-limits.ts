/** Longest order name, in characters (code points), checked by the server and the forms alike. */
export const maxNameLength = 200;
