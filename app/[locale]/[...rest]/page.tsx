import { notFound } from 'next/navigation';

/**
 * Any other address under a locale gets the localized "not found" page, rendered for this request. Without it
 * Next serves its own prerendered 404, whose scripts carry no nonce and break the page's Content-Security-Policy.
 */
export default function UnknownPage(): never {
  notFound();
}
