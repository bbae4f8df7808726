import { createContext } from "react";

/** The time zone the server rendered dates in (the browser's, remembered in a cookie, else UTC). */
export const TimeZoneContext = createContext("UTC");
