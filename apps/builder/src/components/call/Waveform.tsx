'use client';

import { useEffect, useRef } from 'react';

/**
 * A live waveform of one side of the call, drawn from an AnalyserNode on a canvas every animation
 * frame. Decorative for screen readers (the state and captions say what happens); its
 * `data-peak` (0–100, the loudest sample lately) and `data-heard` (it ever carried sound) let
 * tests and the curious see that audio really flowed.
 */
export function Waveform({ analyser, label, colour }: { analyser: AnalyserNode | null; label: string; colour: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const samples = new Float32Array(analyser?.fftSize ?? 1024);
    let frame = 0;
    let tick = 0;
    let peak = 0;
    const draw = () => {
      const ratio = window.devicePixelRatio || 1;
      const width = canvas.clientWidth;
      const height = canvas.clientHeight;
      if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
      if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      context.clearRect(0, 0, width, height);
      if (analyser) analyser.getFloatTimeDomainData(samples);
      else samples.fill(0);
      let max = 0;
      context.beginPath();
      for (let i = 0; i < samples.length; i++) {
        const value = samples[i] ?? 0;
        max = Math.max(max, Math.abs(value));
        const x = (i / (samples.length - 1)) * width;
        // Speech is quiet next to full scale: a little gain makes it visible.
        const y = height / 2 - Math.max(-1, Math.min(1, value * 3)) * (height / 2 - 2);
        if (i === 0) context.moveTo(x, y);
        else context.lineTo(x, y);
      }
      context.strokeStyle = colour;
      context.lineWidth = 1.75;
      context.stroke();
      peak = Math.max(peak * 0.9, max);
      // A DOM write every ~10 frames is plenty for a number nobody reads at 60 Hz.
      if (++tick % 10 === 0) {
        canvas.dataset.peak = String(Math.round(peak * 100));
        if (peak > 0.01) canvas.dataset.heard = 'true';
      }
      frame = requestAnimationFrame(draw);
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, [analyser, colour]);

  return <canvas ref={canvasRef} aria-hidden="true" data-label={label} data-testid={`waveform-${label}`} style={{ width: '100%', height: '100%', display: 'block' }} />;
}
