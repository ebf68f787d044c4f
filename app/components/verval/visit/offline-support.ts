/**
 * What keeps the visit page working in the field: the online/offline state, syncing the queue
 * (on load, on the `online` event, on demand), and the service worker (public/sw.js) that lets
 * this page open again after a reload without a network. Registered from the visit page only,
 * with scope /verifikasi/tugas/ so it never touches any other page.
 */
import { useCallback, useEffect, useState } from "react";
import { syncQueued, type SyncReport } from "~/offline/visit-queue";
import { loadExifr } from "./photo";

export const SW_URL = "/sw.js";
export const SW_SCOPE = "/verifikasi/tugas/";

/**
 * Registers the worker and asks it to keep this page and the files it loaded (scripts, styles,
 * the exifr chunk) for offline use. Resolves true once the worker has them.
 */
async function prepareOffline(username: string): Promise<boolean> {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return false;
  const registration = await navigator.serviceWorker.register(SW_URL, { scope: SW_SCOPE });
  // Not `navigator.serviceWorker.ready`: it matches the document's creation URL, and a page
  // reached by client-side navigation from the queue (outside the scope) would wait forever.
  const worker = await activeWorker(registration);
  if (!worker) return false;
  // Fetch the lazily loaded chunk now, so it is among the files handed to the worker.
  await loadExifr().catch(() => undefined);
  const assets = performance
    .getEntriesByType("resource")
    .map((e) => e.name)
    .filter((u) => {
      const url = new URL(u, location.href);
      return url.origin === location.origin && url.pathname.startsWith("/build/");
    });
  const channel = new MessageChannel();
  const done = new Promise<boolean>((resolve) => {
    channel.port1.onmessage = (e: MessageEvent<{ ok?: boolean }>) => resolve(Boolean(e.data?.ok));
    setTimeout(() => resolve(false), 15_000);
  });
  worker.postMessage({ type: "keep-page", page: location.pathname, assets: [...new Set(assets)], account: username }, [channel.port2]);
  return done;
}

function activeWorker(registration: ServiceWorkerRegistration): Promise<ServiceWorker | null> {
  if (registration.active) return Promise.resolve(registration.active);
  const pending = registration.installing ?? registration.waiting;
  if (!pending) return Promise.resolve(null);
  return new Promise((resolve) => {
    pending.addEventListener("statechange", () => {
      if (pending.state === "activated") resolve(pending);
      else if (pending.state === "redundant") resolve(registration.active);
    });
    setTimeout(() => resolve(registration.active), 15_000);
  });
}

export function useOfflineVisit(username: string) {
  const [online, setOnline] = useState(true);
  const [offlineReady, setOfflineReady] = useState(false);
  const [syncing, setSyncing] = useState(false);
  const [report, setReport] = useState<SyncReport | null>(null);

  const syncNow = useCallback(async () => {
    if (!navigator.onLine) return;
    setSyncing(true);
    try {
      setReport(await syncQueued(username));
    } finally {
      setSyncing(false);
    }
  }, [username]);

  useEffect(() => {
    setOnline(navigator.onLine);
    const up = () => {
      setOnline(true);
      void syncNow();
    };
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    void syncNow();
    if (navigator.onLine) {
      prepareOffline(username)
        .then(setOfflineReady)
        .catch(() => setOfflineReady(false));
    } else {
      // Opened from the worker's copy: it is ready by definition.
      setOfflineReady(Boolean(navigator.serviceWorker?.controller));
    }
    return () => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
    };
  }, [syncNow, username]);

  return { online, offlineReady, syncing, report, syncNow };
}
