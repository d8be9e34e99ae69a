// The drop-in script (`dist/w4r.js`): defines every element.
import './define.js';
