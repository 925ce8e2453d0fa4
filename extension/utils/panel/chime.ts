/** A short two-note chime for a big tip, synthesized (no audio file to ship). */
let context: AudioContext | null = null;

export function playChime(): void {
  try {
    context ??= new AudioContext();
    const start = context.currentTime;
    [880, 1320].forEach((frequency, i) => {
      const osc = context!.createOscillator();
      const gain = context!.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.15, start + i * 0.12);
      gain.gain.exponentialRampToValueAtTime(0.001, start + i * 0.12 + 0.3);
      osc.connect(gain).connect(context!.destination);
      osc.start(start + i * 0.12);
      osc.stop(start + i * 0.12 + 0.3);
    });
  } catch {
    // no audio device or autoplay refused: the highlight still shows
  }
}
