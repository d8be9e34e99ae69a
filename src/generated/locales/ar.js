
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's32b8f3df0f8b4bc2': `Read the full story`,
's9b67f002c0074fdc': `What we ask`,
's6d02a619e21e58da': `To:`,
's35b28ac3443b5470': `Take action`,
'sf4526bf212bfedba': `Loading the case…`,
's9455a7934b4b4b1c': `We could not show this case.`,
'scd1dd6ff53d0d01a': `Try again`,
's3d9e570235ae5ecb': `The case information on this page is incomplete. The page owner can find details in the browser console.`,
'sd3972be938b6d710': `This page does not say which case to show, or where to load it from.`,
'sc91842a57bf9b6b2': `This case could not be found. It may have ended.`,
's6c3598e704d5b657': `The campaign server could not be reached. Check your connection and try again.`,
's6979fae61ec726e5': `The campaign server had a problem. Please try again in a moment.`,
's5627d94191a959ab': `Sharing is not available.`,
'sa61d972fc707e222': str`Share ${0}`,
's81fa26ccde47d6b4': `(opens in a new tab)`,
'sb84d956ca6792cc8': `Share this case`,
's2df075aface0dab8': `Share`,
'sd1f44f1a8bc20e67': `Email`,
's19172ed3838854fc': `Copy link`,
's1f224cf8b88cb893': `Link copied`,
'sb080c5559288dd1b': str`Copying did not work. Select and copy this address: ${0}`,
    };
  