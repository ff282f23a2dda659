// Risk reasons and artifact kinds in plain language. Codes are the API's (docs/INDICATORS.md);
// an unknown code is shown as it is.

const REASONS = {
  VOIP_PHONE: 'Phone is a virtual (VoIP) number',
  ANONYMIZING_IP: 'Applied through a VPN, proxy, Tor or hosting address',
  IP_COUNTRY_MISMATCH: 'Applied from another country than the one claimed',
  SHIPPING_NOT_RESIDENCE: 'Equipment ships somewhere other than the home address',
  PERSONA_VARIANTS: 'One identifier carries names or birth dates that do not agree',
  APPLICATION_VELOCITY: 'Applied to many companies within days',
  IDV_FAILED: 'Identity verification failed',
  INTERVIEW_FLAGS: 'Interviewers noted integrity problems',
  INTERVIEW_IDENTITY_MISMATCH: 'Interview: deepfake suspected or a different person',
  SHARED_PHONE: 'Phone number shared with other applicants',
  SHARED_EMAIL: 'E-mail address shared with other applicants',
  SHARED_DEVICE: 'Device shared with other applicants',
  SHARED_PAYOUT_ACCOUNT: 'Payout account shared with other applicants',
  SHARED_SHIPPING_ADDRESS: 'Shipping address shared with other applicants',
  SHARED_HOME_ADDRESS: 'Home address shared with other applicants',
  SHARED_PROFILE: 'GitHub or LinkedIn profile shared with other applicants',
  SHARED_IP: 'IP address shared with other applicants',
  NATIONAL_ID_REUSE: 'National id used under different names',
  RESUME_REUSE: 'Resume nearly identical to other applicants’',
  PHOTO_REUSE: 'Photo nearly identical to other applicants’',
  SANCTIONS_MATCH: 'Matches a sanctions list entry',
  KNOWN_BAD_INDICATOR: 'Uses an indicator from a threat-intelligence feed',
  CONFIRMED_FRAUD: 'A reviewer confirmed this persona as fraud',
  CONFIRMED_FRAUD_LINK: 'Shares an artifact with confirmed fraud',
  NETWORK_RISK: 'Belongs to a network with strong evidence',
  CONSORTIUM_SHARED_ARTIFACT: 'Other companies see the same artifacts',
  CONSORTIUM_NETWORK_RISK: 'The consortium sees a risky network',
  CONSORTIUM_PERSONA: 'The consortium sees this persona behave suspiciously',
  SIGNIN_ANONYMIZER: 'Signs in through an anonymizer',
  SIGNIN_FOREIGN_GEO: 'Signs in from another country',
  IMPOSSIBLE_TRAVEL: 'Sign-ins imply impossible travel',
  SIGNIN_OFF_HOURS: 'Signs in at odd hours for the claimed time zone',
  SHARED_SIGNIN_IP: 'Sign-in address shared across accounts',
  NEW_DEVICE_BURST: 'Many new devices within a day',
};

// reasonTitle returns a reason code in plain language.
export function reasonTitle(code) {
  return REASONS[code] ?? code;
}

// ARTIFACT_KINDS: each shared-artifact kind's label and colour in the network graph and its legend.
// Colours are from the Okabe–Ito and Tableau palettes, told apart by people with colour blindness;
// the detail panel names the kind in words too.
export const ARTIFACT_KINDS = {
  payout_account: { label: 'Payout account', color: '#d55e00' },
  device: { label: 'Device', color: '#0072b2' },
  phone: { label: 'Phone', color: '#009e73' },
  email: { label: 'E-mail', color: '#cc79a7' },
  national_id: { label: 'National id', color: '#e69f00' },
  shipping_address: { label: 'Shipping address', color: '#56b4e9' },
  home_address: { label: 'Home address', color: '#8c564b' },
  photo: { label: 'Photo', color: '#9467bd' },
  resume: { label: 'Resume', color: '#7f7f7f' },
  github: { label: 'GitHub', color: '#17becf' },
  linkedin: { label: 'LinkedIn', color: '#1f77b4' },
  ip: { label: 'IP address', color: '#bcbd22' },
};

// artifactKind returns the label and colour of a kind (grey for one this UI does not know).
export function artifactKind(kind) {
  return ARTIFACT_KINDS[kind] ?? { label: kind, color: '#444444' };
}
