"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { parsePickupQrPayload } from "@/lib/orders/pickup-code";
import { Dialog } from "@/components/ui/dialog";
import { kdsButton } from "./kds-button";

/** The bits of the Barcode Detection API we use (not in TypeScript's DOM types yet). */
type Detector = { detect: (source: HTMLVideoElement) => Promise<{ rawValue: string }[]> };
type DetectorClass = new (options: { formats: string[] }) => Detector;

function detectorClass(): DetectorClass | undefined {
  return (window as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
}

const noSubscription = () => () => {};

/** Whether this browser can read QR codes (false on the server and in browsers without it). */
export function useCanScan(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => detectorClass() !== undefined,
    () => false,
  );
}

/** Reads a customer's pickup QR code with the camera and hands back its code. */
export function QrScanDialog({ open, shopSlug, onClose, onCode }: { open: boolean; shopSlug: string; onClose: () => void; onCode: (code: string) => void }) {
  return (
    <Dialog open={open} onClose={onClose} labelledBy="scan-title" variant="alert" className="max-w-lg">
      {open ? <Scanner shopSlug={shopSlug} onClose={onClose} onCode={onCode} /> : null}
    </Dialog>
  );
}

function Scanner({ shopSlug, onClose, onCode }: { shopSlug: string; onClose: () => void; onCode: (code: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  });

  useEffect(() => {
    const Barcode = detectorClass();
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let stopped = false;
    if (!Barcode) return;
    const detector = new Barcode({ formats: ["qr_code"] });

    const scan = async () => {
      if (stopped || !video.current) return;
      try {
        for (const { rawValue } of await detector.detect(video.current)) {
          const payload = parsePickupQrPayload(rawValue);
          if (!payload) setProblem("That is not a Go Coffee pickup code.");
          else if (payload.shopSlug !== shopSlug) setProblem("That order is for another shop.");
          else return onCodeRef.current(payload.code);
        }
      } catch {
        // the frame was not ready yet; try the next one
      }
      timer = window.setTimeout(scan, 250);
    };

    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(async (media) => {
        stream = media;
        if (stopped || !video.current) return media.getTracks().forEach((t) => t.stop());
        video.current.srcObject = media;
        await video.current.play();
        void scan();
      })
      .catch(() => setProblem("The camera is not available. Allow it in the browser settings, or type the code."));

    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [shopSlug]);

  return (
    <div className="grid gap-4 p-6">
      <h2 id="scan-title" className="text-2xl font-extrabold">
        Scan the pickup QR code
      </h2>
      <video ref={video} muted playsInline className="aspect-video w-full rounded-xl bg-black object-cover" />
      <p role="status" className="min-h-6 text-base font-semibold text-red-800">
        {problem}
      </p>
      <div className="flex justify-end">
        <button type="button" className={kdsButton("plain")} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
