import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** @type {import('next').NextConfig} */
const config = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The tests and the benchmark build into their own folder so a running `next dev` is never disturbed.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

export default withNextIntl(config);
