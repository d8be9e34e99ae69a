// Defines every element. Each registration is skipped when a copy of this library already made it.
import './elements/campaign/define.js';
import './elements/case-card/define.js';
import './elements/petition/define.js';
import './elements/counter/define.js';
import './elements/solidarity-wall/define.js';
import './elements/letter/define.js';
import './elements/share/define.js';
import './elements/events/define.js';
