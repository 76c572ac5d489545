/**
 * A short two-tone beep through the Web Audio API (no audio files). Browsers only allow sound
 * after a user gesture, so create the context from a click (the "Sound on" toggle) first.
 */
let context: AudioContext | null = null;

/** Call from a click handler: unlocks audio for later beeps. */
export function unlockAudio(): void {
  if (typeof window === "undefined" || !("AudioContext" in window)) return;
  context ??= new AudioContext();
  void context.resume();
}

export function beep(): void {
  if (!context || context.state !== "running") return;
  const start = context.currentTime;
  for (const [offset, frequency] of [[0, 880], [0.16, 1320]] as const) {
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.type = "sine";
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.14);
    osc.connect(gain).connect(context.destination);
    osc.start(start + offset);
    osc.stop(start + offset + 0.15);
  }
}
