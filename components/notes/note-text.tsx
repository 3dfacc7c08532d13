/** User-written text: rendered as text, its direction taken from its own first strong character. */
export function NoteText({ text, className }: { text: string; className?: string }) {
  return (
    <p className={`note-text ${className ?? ''}`} dir="auto">
      {text}
    </p>
  );
}
