// The rendered width of an element, kept current with a ResizeObserver, so an SVG can be drawn at its real pixel size
// (text and strokes stay crisp at 390 px and at 2000 px, instead of being stretched by a viewBox).
import { useEffect, useRef, useState } from "react";

export function useElementWidth<E extends HTMLElement>() {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}
