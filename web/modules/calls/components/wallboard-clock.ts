import { useCallback, useEffect, useRef, useState } from 'react';
import { useTicker } from './ring-counter';

/**
 * The server's clock on this screen: rings and hold seconds are counted from times the server
 * recorded, so the browser's own clock (a wall PC's is often minutes off) must not be used. Each
 * answer carries `serverTime`; the offset to the local clock is taken when it arrives.
 */
export function useServerNow(serverTime: string | undefined, isTicking: boolean): number {
  const offset = useRef(0);
  useEffect(() => {
    if (serverTime) offset.current = Date.parse(serverTime) - Date.now();
  }, [serverTime]);
  const local = useTicker(isTicking, 250);
  return local + offset.current;
}

/** mm:ss (or h:mm:ss) of a duration in milliseconds. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

const soundKey = 'yk.calls.wallboard.sound';

/**
 * The audible alert. Browsers play sound only after a click on the page, so the supervisor switches
 * it on once (remembered); the audio context is made in that click.
 */
export function useAlertSound() {
  const context = useRef<AudioContext | null>(null);
  const [isOn, setIsOn] = useState(() => window.localStorage.getItem(soundKey) === 'on');
  const toggle = useCallback(() => {
    setIsOn((current) => {
      const next = !current;
      window.localStorage.setItem(soundKey, next ? 'on' : 'off');
      if (next && !context.current && typeof AudioContext !== 'undefined')
        context.current = new AudioContext();
      return next;
    });
  }, []);
  const play = useCallback(() => {
    if (!isOn) return;
    if (!context.current && typeof AudioContext !== 'undefined') context.current = new AudioContext();
    const audio = context.current;
    if (!audio) return;
    void audio.resume();
    // Two short high tones, like a desk phone's urgent ring.
    for (const startsAfter of [0, 0.35]) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = 880;
      gain.gain.value = 0.25;
      oscillator.connect(gain);
      gain.connect(audio.destination);
      oscillator.start(audio.currentTime + startsAfter);
      oscillator.stop(audio.currentTime + startsAfter + 0.25);
    }
  }, [isOn]);
  return { isOn, toggle, play };
}
