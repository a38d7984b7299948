/**
 * Top-level domains recognised in text without a scheme: generic ones ads use and every country code
 * (ISO 3166-1 alpha-2 plus uk, eu). A word followed by ".jpg" or "e.g." is not a site.
 */
const GENERIC =
  "com net org info biz io co me tv cc xyz online site club top app dev page live link pro mobi name asia tel shop store vip blog fun space website today life world email cloud tech agency services love sexy dating date chat social media news escort adult porn xxx sex girl girls city london nyc paris berlin madrid barcelona gay moe icu buzz work click one cam men";
const COUNTRY =
  "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz ca cd cf cg ch ci ck cl cm cn cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw";

export const TLDS: ReadonlySet<string> = new Set(`${GENERIC} ${COUNTRY}`.split(" "));

/** TLDs common enough to trust in "name at site dot com" where a wrong guess would invent an address. */
export const COMMON_TLDS: ReadonlySet<string> = new Set(
  "com net org info biz io co me es fr uk de it mx ar cl pe br pt ru ua pl ro nl be ch at us ca au eu xyz online site club live app".split(
    " ",
  ),
);

// Second-level labels under which registrations happen (co.uk, com.mx...): a small public-suffix subset.
const SECOND_LEVEL = new Set(
  "co.uk org.uk me.uk ac.uk gov.uk com.mx org.mx com.br com.ar com.co com.pe com.au net.au org.au co.nz co.za co.jp co.kr co.in com.cn com.tr com.ua com.es com.pl co.il com.sg com.hk com.tw com.my com.ph com.vn com.ng com.eg com.ve com.ec com.do com.gt com.py com.uy com.bo co.ke co.th".split(
    " ",
  ),
);

/** The registrable domain of a lower-case host: the label before the public suffix, with it. */
export function registrableDomain(host: string): string {
  const labels = host.split(".");
  if (labels.length <= 2) return host;
  const lastTwo = labels.slice(-2).join(".");
  return SECOND_LEVEL.has(lastTwo) ? labels.slice(-3).join(".") : lastTwo;
}
