"""An offline Korean–English glossary of diplomatic vocabulary, so that a Korean readout and an
English one can be compared term by term by a reader who reads only one of the languages.

Each entry is one concept, named by its English gloss, with its Korean forms and the English
forms that express it. Korean forms are matched as substrings (particles attach to nouns:
동맹이, 동맹을), the longest form first (탄도미사일 before 미사일, 핵심축 before 핵); English forms
are whole words with their plural or possessive, and `*` stands for any ending (condemn* covers
condemned and condemnation). A form written `=US` matches in that case only.

    from compare.glossary import compare_terms
    terms = compare_terms(["양 장관은 한미 동맹을 재확인하였다."], ["They reaffirmed the alliance."])
    terms.shared   # (SharedTerm('alliance', '동맹', 'alliance'), SharedTerm('reaffirm', ...), ...)

The data is language data, apart from the rules: one line per concept,
`kind | Korean forms | English gloss | English forms`, forms separated by `/`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from .lexicon import has_hangul


class TermKind(StrEnum):
    """What a concept is, so a view can rank and word it."""

    TERM = "term"  # a policy subject: denuclearization, sanctions, supply chains
    STANCE = "stance"  # an evaluation: condemn, welcome, regret, support
    COMMIT = "commit"  # a commitment: agreed to, pledged
    HEDGE = "hedge"  # a softer undertaking: consider, explore, hope
    ACT = "act"  # what the speakers did: discuss, emphasize, reaffirm
    EVENT = "event"  # the kind of contact: phone call, summit, visit
    TITLE = "title"  # minister, secretary of state, president
    PERSON = "person"
    COUNTRY = "country"
    PLACE = "place"
    ORG = "org"


# kind | Korean forms | English gloss | English forms
_DATA = """
country | 한국/대한민국/우리 측/우리측/우리 정부/우리나라 | ROK | rok/republic of korea/south korea*/korea/korean
country | 미국/미측/미 측/미합중국 | U.S. | u.s./u.s.a./=US/=USA/united states/america/american*
country | 북한/북측/북 측/조선민주주의인민공화국/대북 | DPRK | dprk/north korea*/pyongyang's/democratic people's republic of korea/the north
country | 일본/일측/일 측 | Japan | japan*
country | 중국/중측/중 측/중화인민공화국 | China | china/chinese/prc/people's republic of china
country | 러시아/대러 | Russia | russia*
country | 우크라이나 | Ukraine | ukrain*
country | 대만 | Taiwan | taiwan*
country | 인도 | India | india/indian
country | 호주 | Australia | australia*
country | 영국 | United Kingdom | united kingdom/u.k./britain/british
country | 프랑스 | France | france/french
country | 독일 | Germany | germany/german
country | 캐나다 | Canada | canada/canadian
country | 베트남 | Vietnam | vietnam*/viet nam
country | 필리핀 | Philippines | philippine*
country | 인도네시아 | Indonesia | indonesia*
country | 미얀마 | Burma | burma/burmese/myanmar
country | 이란 정부/이란과/이란의 | Iran | iran/iranian
country | 이스라엘 | Israel | israel*
country | 팔레스타인 | Palestine | palestin*
country | 아프가니스탄 | Afghanistan | afghan*
country | 사우디 | Saudi Arabia | saudi*
country | 몽골 | Mongolia | mongolia*
country | 싱가포르 | Singapore | singapore*
country | 뉴질랜드 | New Zealand | new zealand
country | 폴란드 | Poland | poland/polish
country | 유럽연합/EU | European Union | european union/=EU
place | 한반도 | Korean Peninsula | korean peninsula/peninsula
place | 동북아/동북아시아 | Northeast Asia | northeast asia*/north-east asia*
place | 인도-태평양/인도태평양/인태/인·태 | Indo-Pacific | indo-pacific/indo pacific
place | 태평양 | Pacific | pacific
place | 아시아 | Asia | asia*
place | 유럽 | Europe | europe*
place | 중동 | Middle East | middle east*
place | 아프리카 | Africa | africa*
place | 대만해협 | Taiwan Strait | taiwan strait
place | 남중국해 | South China Sea | south china sea
place | 동중국해 | East China Sea | east china sea
place | 홍해 | Red Sea | red sea
place | 가자지구/가자 지구 | Gaza | gaza
place | 워싱턴 | Washington | washington
place | 서울 | Seoul | seoul
place | 도쿄 | Tokyo | tokyo
place | 베이징 | Beijing | beijing
place | 평양 | Pyongyang | pyongyang
place | 판문점 | Panmunjom | panmunjom/panmunjeom
place | 독도 | Dokdo | dokdo/takeshima
place | 후쿠시마 | Fukushima | fukushima
place | 비무장지대 | DMZ | dmz/demilitarized zone
place | 캠프 데이비드/캠프데이비드 | Camp David | camp david
org | 외교부 | Foreign Ministry | foreign ministry/ministry of foreign affairs/mofa
org | 국무부 | State Department | state department/department of state
org | 백악관 | White House | white house
org | 청와대 | Cheong Wa Dae | cheong wa dae/blue house
org | 대통령실 | Presidential Office | presidential office
org | 국방부 | Defense Ministry | defense ministry/ministry of national defense/department of defense/pentagon
org | 통일부 | Ministry of Unification | ministry of unification/unification ministry
org | 국가정보원/국정원 | National Intelligence Service | national intelligence service/=NIS
org | 국회 | National Assembly | national assembly
org | 의회 | Congress | congress*/parliament*
org | 유엔/국제연합 | UN | =UN/united nations/u.n.
org | 안보리/안전보장이사회 | UN Security Council | security council/un security council/u.n. security council/united nations security council/=UNSC
org | 유엔총회 | UN General Assembly | general assembly/=UNGA
org | 국제원자력기구 | IAEA | =IAEA/international atomic energy agency
org | 나토/북대서양조약기구 | NATO | =NATO
org | 아세안/동남아국가연합 | ASEAN | =ASEAN
org | 쿼드 | Quad | =Quad
org | 주요 7개국/주요7개국/G7 | G7 | =G7/group of seven
org | 주요 20개국/G20 | G20 | =G20
org | 주한미군 | U.S. Forces Korea | u.s. forces korea/=USFK
org | 주일미군 | U.S. Forces Japan | u.s. forces japan/=USFJ
org | 한미연합사/연합사령부 | Combined Forces Command | combined forces command
org | 핵협의그룹 | Nuclear Consultative Group | nuclear consultative group/=NCG
org | 대사관 | embassy | embass*
title | 외교부 장관/외교장관/외교부장관/외무장관/외무상/외교부장 | foreign minister | foreign minister*/minister for foreign affairs/minister of foreign affairs/top diplomat*
title | 국무장관/국무부 장관/국무부장관 | Secretary of State | secretary of state/the secretary
title | 부장관 | Deputy Secretary | deputy secretary
title | 제1차관/1차관 | First Vice Foreign Minister | first vice foreign minister/first vice minister
title | 차관 | vice minister | vice minister*/vice foreign minister*/deputy minister*
title | 장관 | minister | minister*/secretary/secretaries
title | 대통령 | president | president*
title | 총리 | prime minister | prime minister*/premier
title | 국가안보실장/국가안보보좌관/안보보좌관 | national security adviser | national security advis*
title | 대변인 | spokesperson | spokes*
title | 대사 | ambassador | ambassador*
title | 특별대표/특사 | special representative | special representative*/special envoy*/envoy*
title | 국무위원 | state councilor | state councilor*
title | 정상 | leaders | leader*/heads of state
title | 양 장관/양장관 | the two ministers | two ministers/both ministers/the ministers/the secretary and the foreign minister
title | 양측/양 측 | both sides | two sides/both sides/the sides
title | 양 정상/양정상 | the two leaders | two leaders/both leaders/the leaders
person | 블링컨 | Blinken | blinken
person | 정의용 | Chung Eui-yong | chung eui-yong/minister chung/chung
person | 박진 | Park Jin | park jin/minister park
person | 조태열 | Cho Tae-yul | cho tae-yul/minister cho
person | 강경화 | Kang Kyung-wha | kang kyung-wha/minister kang
person | 윤병세 | Yun Byung-se | yun byung-se/minister yun
person | 조현동 | Cho Hyun-dong | cho hyun-dong
person | 최종건 | Choi Jong-kun | choi jong-kun
person | 조현 | Cho Hyun | cho hyun
person | 셔먼 | Sherman | sherman
person | 캠벨 | Campbell | campbell
person | 폼페이오 | Pompeo | pompeo
person | 틸러슨 | Tillerson | tillerson
person | 루비오 | Rubio | rubio
person | 바이든 | Biden | biden
person | 트럼프 | Trump | trump
person | 오바마 | Obama | obama
person | 해리스 | Harris | harris
person | 설리번 | Sullivan | sullivan
person | 오스틴 | Austin | austin
person | 윤석열 | Yoon Suk Yeol | yoon suk yeol/yoon suk-yeol/president yoon/yoon
person | 문재인 | Moon Jae-in | moon jae-in/president moon
person | 이재명 | Lee Jae-myung | lee jae-myung/president lee
person | 김정은 | Kim Jong Un | kim jong un/kim jong-un
person | 김여정 | Kim Yo Jong | kim yo jong/kim yo-jong
person | 기시다 | Kishida | kishida
person | 아베 | Abe | abe
person | 스가 총리/스가 요시히데 | Suga | suga
person | 이시바 | Ishiba | ishiba
person | 하야시 | Hayashi | hayashi
person | 모테기 | Motegi | motegi
person | 고노 다로/고노 외무/고노 대신/고노 장관 | Kono | kono
person | 가미카와 | Kamikawa | kamikawa
person | 이와야 | Iwaya | iwaya
person | 시진핑 | Xi Jinping | xi jinping/president xi
person | 왕이 | Wang Yi | wang yi
person | 푸틴 | Putin | putin
person | 라브로프 | Lavrov | lavrov
person | 젤렌스키 | Zelensky | zelensk*
person | 구테흐스 | Guterres | guterres
event | 정상회담 | summit | summit*
event | 전화 통화/전화통화/통화/전화 회담/전화회담 | phone call | call/calls/phone/telephone/phone call*/telephone call*/telephone talk*/phone talk*/spoke by phone/spoke
event | 회담 | talks | talks
event | 회의/면담/접견 | meeting | meeting*/met/meet/conference*/courtesy call
event | 방문/방한/방미/방일/방중/순방 | visit | visit*/trip*/tour*
event | 초청 | invitation | invit*
event | 참석 | attend | attend*
event | 개최 | hold | hold*/held/host*
event | 취임 | inauguration | inaugurat*/took office/assum*
event | 선거/대선/당선 | election | election*/elected/victory
event | 서명 | sign | sign/signs/signed/signing
event | 채택 | adopt | adopt*
event | 발표 | announce | announc*
event | 공동성명 | joint statement | joint statement*
event | 공동선언/공동 선언 | joint declaration | joint declaration*
event | 성명 | statement | statement*
event | 선언 | declaration | declaration*
event | 워싱턴 선언 | Washington Declaration | washington declaration
event | 협정 | agreement | agreement*/accord*
event | 조약 | treaty | treat*
event | 양해각서 | memorandum of understanding | memorandum of understanding/=MOU
event | 출범 | establishment | establish*/set up/launch of
event | 수교 | diplomatic relations | diplomatic relations/diplomatic ties
event | 정상화 | normalization | normaliz*/normalis*
event | 기념 | anniversary | anniversar*/commemorat*
term | 완전한 비핵화 | complete denuclearization | complete denucleari*
term | 비핵화 | denuclearization | denucleari*
term | 항구적 평화/항구적인 평화/영구적 평화 | lasting peace | lasting peace/permanent peace/durable peace/enduring peace
term | 평화 체제/평화체제 | peace regime | peace regime
term | 평화 | peace | peace*
term | 안정 | stability | stabilit*/stable/stabiliz*
term | 번영 | prosperity | prosper*
term | 안보 | security | security
term | 경제안보 | economic security | economic security
term | 안전 | safety | safety/safe
term | 확장억제/확장 억제 | extended deterrence | extended deterrence
term | 억제력/억지력/억제/억지 | deterrence | deter/deters/deterred/deterring/deterren*
term | 연합 방위태세/연합방위태세 | combined defense posture | combined defense posture/combined defence posture/joint defense posture
term | 방위태세/대비태세 | defense posture | defense posture/defence posture/readiness
term | 방위공약/방위 공약 | defense commitment | defense commitment*/commitment to the defense/commitment to defend*
term | 방위/방어/국방 | defense | defense*/defence*/defend*
term | 연합훈련/연합 훈련/연합연습 | combined exercises | combined exercise*/joint exercise*/joint drill*/military exercise*
term | 훈련 | exercises | exercise*/drill*/training
term | 전략자산 | strategic assets | strategic asset*
term | 핵우산 | nuclear umbrella | nuclear umbrella
term | 대륙간탄도미사일/ICBM | intercontinental ballistic missile | intercontinental ballistic missile*/=ICBM*
term | 탄도미사일/탄도 미사일 | ballistic missile | ballistic missile*
term | 순항미사일 | cruise missile | cruise missile*
term | 미사일 | missile | missile*
term | 발사체 | projectile | projectile*/launch vehicle*
term | 정찰위성/군사정찰위성 | reconnaissance satellite | reconnaissance satellite*/spy satellite*/military satellite*
term | 위성 | satellite | satellite*
term | 발사 | launch | launch*/fired/firing
term | 조기경보/경보 | early warning | early warning/warning system*/warning data/warning information/alert system*
term | 핵실험/핵 실험 | nuclear test | nuclear test*
term | 핵무기/핵 무기 | nuclear weapons | nuclear weapon*/nuclear arms
term | 핵·미사일/핵미사일/핵 미사일 | nuclear and missile programs | nuclear and missile*/nuclear and ballistic missile*
term | 북핵 | North Korean nuclear issue | north korean nuclear/north korea's nuclear/dprk's nuclear/nuclear issue
term | 핵 위협/핵위협 | nuclear threat | nuclear threat*
term | 핵 개발/핵개발/핵 프로그램/핵프로그램/핵능력/핵 능력 | nuclear program | nuclear program*/nuclear programme*/nuclear development/nuclear capabilit*
term | 핵심축 | linchpin | linchpin/lynchpin
term | 핵심 | core | core/key/central/critical
term | 도발 | provocation | provocat*/provok*
term | 위협 | threat | threat*
term | 위반 | violation | violat*/breach*/in defiance
term | 안보리 결의/안보리 결의안 | UN Security Council resolutions | security council resolution*/un security council resolution*/u.n. security council resolution*/united nations security council resolution*/unsc resolution*
term | 결의/결의안 | resolutions | resolution*
term | 제재 | sanctions | sanction*
term | 압박 | pressure | pressur*
term | 대화 | dialogue | dialogue*/dialog/talks with
term | 협상 | negotiations | negotiat*
term | 관여 | engagement | engag*
term | 외교적/외교 | diplomacy | diploma*
term | 인도적 지원/인도 지원 | humanitarian assistance | humanitarian assistance/humanitarian aid/humanitarian support
term | 인도적/인도주의 | humanitarian | humanitarian*
term | 인권 | human rights | human rights
term | 납치/납북 | abductions | abduct*
term | 억류자/억류 | detainees | detain*/detention
term | 이산가족 | separated families | separated famil*/divided famil*
term | 탈북민/탈북자 | North Korean defectors | defector*/escapee*
term | 남북관계/남북 관계 | inter-Korean relations | inter-korean relations/inter-korean ties
term | 남북 | inter-Korean | inter-korean
term | 종전선언/종전 선언 | end-of-war declaration | end-of-war declaration/end of war declaration/declaration ending the korean war/end to the korean war
term | 평화협정 | peace treaty | peace treaty/peace agreement
term | 대북정책/대북 정책 | North Korea policy | north korea policy/dprk policy
term | 사이버 | cyber | cyber*
term | 가상자산/암호화폐 | cryptocurrency | crypto*/virtual asset*
term | 불법 | illicit | illicit*/illegal*/unlawful*
term | 무기 거래/무기거래/무기 이전 | arms transfers | arms transfer*/arms deal*/arms trade/weapons transfer*
term | 군사협력/군사 협력 | military cooperation | military cooperation
term | 군사적 | military | military/militar*
term | 경제 | economy | econom*
term | 공급망 | supply chains | supply chain*
term | 반도체 | semiconductors | semiconductor*/chips
term | 배터리 | batteries | batter*
term | 핵심광물/핵심 광물 | critical minerals | critical mineral*
term | 청정에너지 | clean energy | clean energy
term | 에너지 | energy | energy
term | 원자력/원전 | nuclear energy | nuclear energy/nuclear power/civil nuclear/civilian nuclear
term | 기후변화/기후 변화 | climate change | climate change
term | 기후 | climate | climate*
term | 탄소중립 | carbon neutrality | carbon neutral*/net zero/net-zero
term | 무역/통상 | trade | trade/trading
term | 투자 | investment | invest*
term | 수출통제/수출 통제 | export controls | export control*
term | 수출규제/수출 규제 | export restrictions | export restriction*
term | 과학기술/과학 기술 | science and technology | science and technolog*
term | 기술 | technology | technolog*
term | 인공지능 | artificial intelligence | artificial intelligence/=AI
term | 우주 | space | space/outer space
term | 보건 | health | health
term | 백신 | vaccines | vaccin*
term | 코로나19/코로나 19/코로나 | COVID-19 | covid-19/covid*/coronavirus
term | 팬데믹/감염병 | pandemic | pandemic*/infectious disease*
term | 개발협력/개발 협력 | development cooperation | development cooperation/development assistance
term | 개도국/개발도상국 | developing countries | developing countr*/developing nation*
term | 식량안보/식량 안보 | food security | food security
term | 식량 | food | food
term | 동맹 | alliance | alliance*/allies/ally
term | 포괄적 전략동맹/포괄적 전략 동맹 | comprehensive strategic alliance | comprehensive strategic alliance
term | 포괄적 | comprehensive | comprehensive*
term | 전략적 | strategic | strategic*
term | 글로벌 | global | global*/worldwide/around the world
term | 파트너십/동반자 관계/동반자관계 | partnership | partnership*
term | 동반자/파트너 | partner | partner/partners
term | 호혜적/호혜 | mutually beneficial | mutually beneficial/reciproc*
term | 협력 | cooperation | cooperat*/co-operat*/collaborat*
term | 공조/조율 | coordination | coordinat*/in lockstep/align*
term | 소통 | communication | communicat*/in close touch/in touch
term | 협의 | consultations | consult*
term | 긴밀/긴밀히/긴밀한 | close | close/closely/tight*
term | 지속 | continued | continu*/sustain*/ongoing
term | 강화 | strengthen | strength*/reinforc*/bolster*/enhanc*
term | 확대 | expand | expan*/broaden*/widen*
term | 심화 | deepen | deepen*
term | 발전 | develop | develop*/advanc*/upgrad*
term | 증진 | promote | promot*/foster*
term | 유지 | maintain | maintain*/preserv*/uphold*
term | 재개 | resume | resum*/restart*
term | 중단 | halt | halt*/suspen*/stop*/cease*
term | 연기 | postpone | postpon*/delay*
term | 취소 | cancel | cancel*/call off/called off
term | 철회 | withdraw | withdr*/retract*
term | 해제/완화 | ease | lift/lifts/lifted/lifting/eas*/relax*/loosen*
term | 부과 | impose | impos*
term | 이행 | implementation | implement*/carry out/carried out/follow through
term | 준수 | compliance | comply/complies/complied/complying/complian*/abide*/adher*
term | 검증 | verification | verif*
term | 불가역적/불가역 | irreversible | irreversib*
term | 노력 | efforts | effort*/endeavo*/work toward*/work towards
term | 의지 | resolve | resolve/determination/willingness/will to
term | 중요성 | importance | importan*
term | 필요성/필요 | need | need*/necessar*/essential
term | 진전 | progress | progress*/headway
term | 성과 | outcomes | outcome*/result*/achievement*/success*
term | 현안 | pending issues | issue*/matter*
term | 상호 관심사/상호관심사 | matters of mutual interest | mutual interest*/mutual concern/common interest*
term | 지역 | region | region*
term | 국제사회 | international community | international community
term | 국제법 | international law | international law
term | 국제 | international | international*
term | 규범 | norms | norm/norms
term | 규칙 기반/규칙기반/규범 기반 | rules-based | rules-based/rule-based
term | 국제질서/국제 질서 | international order | international order
term | 법치 | rule of law | rule of law
term | 민주주의 | democracy | democra*
term | 자유 | freedom | free/freedom*
term | 개방 | open | open/openness
term | 주권 | sovereignty | sovereign*
term | 영토보전/영토 보전 | territorial integrity | territorial integrity
term | 영토 | territory | territor*
term | 독립 | independence | independen*
term | 침공/침략 | invasion | invasion/invade*/aggression/aggressive*
term | 전쟁 | war | war/wars/warfare
term | 분쟁 | conflict | conflict*
term | 위기 | crisis | crisis/crises
term | 휴전 | ceasefire | ceasefire*/cease-fire*/truce
term | 테러 | terrorism | terror*
term | 인질 | hostages | hostage*
term | 난민 | refugees | refugee*
term | 재건 | reconstruction | reconstruct*/rebuild*
term | 과거사/역사 | history | histor*
term | 위안부 | comfort women | comfort women/sexual slavery
term | 강제징용/징용 | forced labor | forced labo*/wartime labo*/requisitioned workers
term | 화해 | reconciliation | reconcil*
term | 미래지향적/미래 지향적 | future-oriented | future-oriented/forward-looking
term | 신뢰 | trust | trust*/confidence
term | 우호/우정 | friendship | friendship*/friendly
term | 관계 | relations | relation*/ties
term | 양국관계/양국 관계 | bilateral relations | bilateral relation*/bilateral ties/relations between the two countries
term | 양자 | bilateral | bilateral*
term | 양국 | the two countries | two countries/both countries/our countries/two nations
term | 3국/삼국/3자/한미일/한일중/한중일 | trilateral | trilateral*
term | 다자 | multilateral | multilateral*
term | 정세/상황/동향 | situation | situation*/developments/state of affairs
term | 최근 | recent | recent*/latest
term | 21세기 | 21st century | 21st century/21st-century/twenty-first century
term | 향후 | going forward | going forward/future/next steps/way forward
term | 조속히/조속한/조기 | soon | soon/early/as soon as possible/at an early date
term | 연내 | within the year | within the year/later this year/by the end of the year
act | 논의 | discuss | discuss*
act | 의견을 교환/의견 교환/의견교환 | exchange views | exchang* views/exchange of views/exchanged opinions/exchange of opinions
act | 설명 | explain | explain*/brief*
act | 공유 | share | share/shares/shared/sharing
act | 평가 | appreciate | appreciat*/valu*/commend*/prais*
act | 평가를/평가와/평가도/평가 공유/정세 평가 | assessment | assess*/evaluat*
act | 재강조 | reiterate | reiterat*
act | 강조 | emphasize | emphasi*/stress*/underscor*/highlight*/underlin*
act | 재확인 | reaffirm | reaffirm*/reconfirm*
act | 확인 | confirm | confirm*/affirm*
act | 표명 | express | express*/voic*/conveyed
act | 언급 | mention | mention*/noted/referred
act | 제안 | propose | propos*/suggest*
act | 요청/당부 | request | request*/ask/asked
act | 감사/사의 | thanks | thank*/gratitude/appreciation
act | 축하 | congratulate | congratulat*
act | 위로/애도/조의/추모 | condolences | condolence*/sympath*/mourn*/tribute
act | 추진 | pursue | pursu*
act | 결정 | decide | decid*/decision*
commit | 하기로 하였/하기로 했/하기로 합의/기로 하였/기로 했/기로 합의/합의/동의 | agreed | agree/agrees/agreed/concur*
commit | 공감 | shared the view | shared the view/share the view/shared view*
commit | 약속/공약/다짐/서약 | commitment | commit*/pledg*/vow*/promis*
hedge | 검토하기로/검토해 나가기로/검토 | consider | consider*/review*/look into/study/studies
hedge | 모색하기로/모색해 나가기로/모색 | explore | explor*/seek*/sought
hedge | 희망 | hope | hope/hopes/hoped/hoping/wish*
hedge | 기대 | look forward | look* forward/expect*
hedge | 가능성 | possibility | possib*
stance | 규탄 | condemn | condemn*
stance | 비난/비판 | criticize | criticiz*/criticis*/denounc*/slam*
stance | 유감 | regret | regret*/deplor*
stance | 우려 | concern | concern/concerns/concerned
stance | 환영 | welcome | welcom*
stance | 지지 | support | support*/back/backs/backed/backing/endors*
stance | 반대 | oppose | oppos*/object*
stance | 촉구 | urge | urg*/called for/calls for/call for/called on/calls on/call on
stance | 항의 | protest | protest*
stance | 경고 | warn | warn*
stance | 거부/거절 | reject | reject*/refus*/declin*
stance | 부인했/부인하였/부인하 | deny | deny/denies/denied/denial
stance | 용납할 수 없/용납 불가 | unacceptable | unacceptable/intolerable/cannot tolerate/can no longer tolerate
"""


# Korean compounds that name several countries at once: 한미 동맹 is the ROK-U.S. alliance
_COMPOUNDS: dict[str, tuple[str, ...]] = {
    "한미일": ("ROK", "U.S.", "Japan", "trilateral"),
    "한·미·일": ("ROK", "U.S.", "Japan", "trilateral"),
    "한일중": ("ROK", "Japan", "China", "trilateral"),
    "한중일": ("ROK", "China", "Japan", "trilateral"),
    "한미": ("ROK", "U.S."),
    "한·미": ("ROK", "U.S."),
    "미한": ("U.S.", "ROK"),
    "한일": ("ROK", "Japan"),
    "한·일": ("ROK", "Japan"),
    "한중": ("ROK", "China"),
    "한러": ("ROK", "Russia"),
    "미일": ("U.S.", "Japan"),
    "미중": ("U.S.", "China"),
    "북미": ("DPRK", "U.S."),
    "북·미": ("DPRK", "U.S."),
    "북러": ("DPRK", "Russia"),
    "러북": ("Russia", "DPRK"),
    "북중": ("DPRK", "China"),
    "미 국무부": ("U.S.", "State Department"),
    "미 국무장관": ("U.S.", "Secretary of State"),
    "미 대통령": ("U.S.", "president"),
}

# concepts that one language's readout often says where the other's says the other: 공조 is
# "coordination" or "cooperation" in the English readouts; a one-sided term of one side and its
# near concept one-sided on the other are one shared point, not two differences
_NEAR: tuple[tuple[str, str], ...] = (
    ("coordination", "cooperation"),
    ("COVID-19", "pandemic"),
)


@dataclass(frozen=True)
class Entry:
    """One concept: its English gloss (which names it), its kind, and its forms."""

    gloss: str
    kind: TermKind
    korean: tuple[str, ...]
    english: tuple[str, ...]


@dataclass(frozen=True)
class TermSpan:
    """Where a text names a concept: offsets into that text, and the concept's gloss."""

    start: int
    end: int
    gloss: str


@dataclass(frozen=True)
class SharedTerm:
    """A concept both sides name, as each side writes it."""

    gloss: str
    a: str
    b: str


@dataclass(frozen=True)
class Term:
    """A concept one side names, as it writes it."""

    gloss: str
    written: str


@dataclass(frozen=True)
class TermComparison:
    """Which concepts both sides name and which only one does, in text order; `common` are
    the concepts the whole comparison names often (`common_concepts`), which say least about
    one row."""

    shared: tuple[SharedTerm, ...]
    only_a: tuple[Term, ...]
    only_b: tuple[Term, ...]
    common: frozenset[str] = frozenset()


@cache
def entries() -> tuple[Entry, ...]:
    """The glossary, parsed once from its table."""
    out = []
    for line in _DATA.strip().splitlines():
        kind, korean, gloss, english = (part.strip() for part in line.split("|"))
        out.append(
            Entry(
                gloss=gloss,
                kind=TermKind(kind),
                korean=tuple(f for f in korean.split("/") if f),
                english=tuple(f for f in english.split("/") if f),
            )
        )
    return tuple(out)


@cache
def kind_of(gloss: str) -> TermKind:
    """The kind of the concept with this gloss (TERM if it is not in the glossary)."""
    return next((e.kind for e in entries() if e.gloss == gloss), TermKind.TERM)


@dataclass(frozen=True)
class _Form:
    """An English form as a sequence of words; a word ending in `*` takes any ending."""

    words: tuple[str, ...]
    exact_case: bool
    glosses: tuple[str, ...]

    @property
    def length(self) -> int:
        return sum(len(w) for w in self.words)

    def matches(self, tokens: Sequence[tuple[int, int, str]], i: int, text: str) -> int:
        """How many tokens from `i` on this form covers (0: no match)."""
        if i + len(self.words) > len(tokens):
            return 0
        # a slice of just the form's length: slicing to the end would make a text's scan quadratic
        span = tokens[i : i + len(self.words)]
        for word, (start, end, token) in zip(self.words, span, strict=True):
            if self.exact_case:
                token = text[start:end]
            if word.endswith("*"):
                if not token.startswith(word[:-1]):
                    return 0
            elif token != word and _base(token) != word:
                return 0
        return len(self.words)


def _base(token: str) -> str:
    """A token without its possessive or plural ending: korea's -> korea, missiles -> missile."""
    for ending in ("'s", "\u2019s", "es", "s"):
        if token.endswith(ending) and len(token) > len(ending) + 2:
            return token[: -len(ending)] if ending != "es" else token[:-1]
    return token


# English tokens: U.S. and U.N. whole, otherwise letters and digits with a possessive ending
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['\u2019]s\b)?")


# the marks that join the parts of a Korean compound: 인도-태평양, 인도·태평양 (a middle dot)
_JOINERS = "-\u00b7\u30fb\u2027"


def _joined(form: str) -> set[str]:
    """A Korean form written with joining marks, written with each of them (한·미·일, 한-미-일)."""
    if not any(m in form for m in _JOINERS):
        return set()
    return {form.translate(str.maketrans(_JOINERS, other * len(_JOINERS))) for other in _JOINERS}


@cache
def _forms() -> tuple[
    dict[str, tuple[tuple[str, tuple[str, ...]], ...]], dict[str, tuple[_Form, ...]]
]:
    """The Korean forms indexed by their first character, longest first, each with the glosses
    it names (written with or without its spaces: 전화 통화, 전화통화; with any joining mark:
    인도-태평양, 인도·태평양); the English forms
    indexed by their first word's first three letters, longest first."""
    korean: dict[str, tuple[str, ...]] = {}
    english: list[_Form] = []
    for entry in entries():
        for form in entry.korean:
            if not form.isascii():  # G7, ICBM: the English forms find them
                for variant in {form, form.replace(" ", ""), *_joined(form)}:
                    korean[variant] = (entry.gloss,)
        for form in entry.english:
            exact = form.startswith("=")
            words = form.removeprefix("=").replace("-", " ").split()
            english.append(
                _Form(tuple(words if exact else map(str.lower, words)), exact, (entry.gloss,))
            )
    for form, names in _COMPOUNDS.items():
        for variant in {form, *_joined(form)}:
            korean[variant] = names
    by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for form in sorted(korean, key=len, reverse=True):
        by_first.setdefault(form[0], []).append((form, korean[form]))
    index: dict[str, list[_Form]] = {}
    for form in sorted(english, key=lambda f: -f.length):
        index.setdefault(form.words[0][:3].lower(), []).append(form)
    return (
        {k: tuple(v) for k, v in by_first.items()},
        {k: tuple(v) for k, v in index.items()},
    )


def find_terms(text: str) -> list[TermSpan]:
    """Every glossary concept `text` names, in text order (Korean and English forms alike)."""
    korean, index = _forms()
    found = []
    if has_hangul(text):  # leftmost, longest form first, as a reader would split it
        i = 0
        while i < len(text):
            for form, names in korean.get(text[i], ()):
                if text.startswith(form, i):
                    found += [TermSpan(i, i + len(form), g) for g in names]
                    i += len(form)
                    break
            else:
                i += 1
    tokens = [
        (m.start(), m.end(), m.group().lower().replace("\u2019", "'"))  # people’s: people's
        for m in _TOKEN.finditer(text.replace("-", " "))
        if not "\uac00" <= m.group()[0] <= "\ud7a3"
    ]
    i = 0
    while i < len(tokens):
        for form in index.get(tokens[i][2][:3], ()):
            n = form.matches(tokens, i, text)
            if n:
                found += [TermSpan(tokens[i][0], tokens[i + n - 1][1], g) for g in form.glosses]
                i += n
                break
        else:
            i += 1
    return sorted(found, key=lambda t: (t.start, t.end, t.gloss))


def compare_terms(
    a_texts: Sequence[str], b_texts: Sequence[str], *, common: frozenset[str] = frozenset()
) -> TermComparison:
    """The concepts both sides name, and those only one side names, across languages. A
    concept one side names and its near concept (`_NEAR`) the other names are shared, under
    the first side's gloss."""
    found = []
    for texts in (a_texts, b_texts):
        first: dict[str, str] = {}
        for text in texts:
            for span in find_terms(text):
                first.setdefault(span.gloss, text[span.start : span.end])
        found.append(first)
    a, b = found
    shared = [SharedTerm(g, a[g], b[g]) for g in a if g in b]
    near: dict[str, str] = {}  # a's one-sided gloss -> b's one-sided near concept
    for x, y in _NEAR:
        for ga, gb in ((x, y), (y, x)):
            taken = ga in near or gb in near.values()  # each concept pairs once, first wins
            if ga in a.keys() - b.keys() and gb in b.keys() - a.keys() and not taken:
                near[ga] = gb
    shared += [SharedTerm(g, a[g], b[near[g]]) for g in a if g in near]
    return TermComparison(
        shared=tuple(shared),
        only_a=tuple(Term(g, w) for g, w in a.items() if g not in b and g not in near),
        only_b=tuple(Term(g, w) for g, w in b.items() if g not in a and g not in near.values()),
        common=common,
    )


#: a concept named in at least this many statements of a comparison is common to it
COMMON_STATEMENTS = 3


def common_concepts(texts: Sequence[str]) -> frozenset[str]:
    """The concepts at least `COMMON_STATEMENTS` of `texts` (every statement of both sides)
    name: the ROK, the alliance, the region of a readout that names them throughout."""
    counts: dict[str, int] = {}
    for text in texts:
        for gloss in {t.gloss for t in find_terms(text)}:
            counts[gloss] = counts.get(gloss, 0) + 1
    return frozenset(g for g, n in counts.items() if n >= COMMON_STATEMENTS)


_NAME_KINDS = (TermKind.PERSON, TermKind.COUNTRY, TermKind.PLACE, TermKind.ORG)


def glosses(text: str, *, limit: int = 14) -> list[str]:
    """What a text is about in English: the glosses of the concepts it names, as `ranked`
    lists them (once each, titles left out, names last)."""
    return ranked(t.gloss for t in find_terms(text))[:limit]


def ranked(named: Iterable[str], common: frozenset[str] = frozenset()) -> list[str]:
    """Glosses as a view lists them: once each, titles left out, the concepts `common` to the
    whole comparison after the rest, and among each what was said (terms, stances) before
    what the speakers did (discuss, emphasize) and before names (people, countries, places,
    bodies). A country, place or body the comparison names rarely (`common` given, and it is
    not in it: Burma in a U.S.-ROK call) is what was said, and stays with the terms."""
    found = dict.fromkeys(g for g in named if kind_of(g) is not TermKind.TITLE)
    return sorted(found, key=lambda g: (g in common, _lateness(g, common)))


def _lateness(gloss: str, common: frozenset[str]) -> int:
    kind = kind_of(gloss)
    if kind is TermKind.PERSON or (kind in _NAME_KINDS and (not common or gloss in common)):
        return 2
    return 1 if kind is TermKind.ACT else 0
