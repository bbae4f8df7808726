"use client";

import { useEffect } from "react";

/**
 * Marks `<html data-hydrated>` once React has attached its handlers, so browser tests act
 * only when the page can respond (a click on server HTML before that is silently lost).
 */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return null;
}
