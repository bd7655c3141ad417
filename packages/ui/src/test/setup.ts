import '@testing-library/jest-dom/vitest';
import '../styles.css';
