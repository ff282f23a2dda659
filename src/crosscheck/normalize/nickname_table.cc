#include "crosscheck/normalize/nickname_table.h"

#include <unordered_map>
#include <utility>

namespace crosscheck::normalize {
namespace {

// Common English diminutives (hypocorisms), after the lists genealogists and record-linkage
// tools use (e.g. the carltonnorthern/nicknames CSV derived from the Old Dominion University
// name project). Only forms that people write as their own name on an application.
constexpr std::pair<std::string_view, std::string_view> kNicknames[] = {
    {"abby", "abigail"},      {"abbie", "abigail"},    {"abe", "abraham"},
    {"al", "albert"},         {"bert", "albert"},      {"alex", "alexander"},
    {"alec", "alexander"},    {"sasha", "alexander"},  {"lexi", "alexandra"},
    {"alf", "alfred"},        {"alfie", "alfred"},     {"fred", "frederick"},
    {"freddie", "frederick"}, {"freddy", "frederick"}, {"andy", "andrew"},
    {"drew", "andrew"},       {"annie", "ann"},        {"nan", "ann"},
    {"nancy", "ann"},         {"tony", "anthony"},     {"archie", "archibald"},
    {"art", "arthur"},        {"artie", "arthur"},     {"barb", "barbara"},
    {"barbie", "barbara"},    {"ben", "benjamin"},     {"benny", "benjamin"},
    {"benji", "benjamin"},    {"bernie", "bernard"},   {"betty", "elizabeth"},
    {"beth", "elizabeth"},    {"liz", "elizabeth"},    {"lizzie", "elizabeth"},
    {"lizzy", "elizabeth"},   {"eliza", "elizabeth"},  {"betsy", "elizabeth"},
    {"bess", "elizabeth"},    {"libby", "elizabeth"},  {"bob", "robert"},
    {"bobby", "robert"},      {"rob", "robert"},       {"robbie", "robert"},
    {"bert", "robert"},       {"brad", "bradley"},     {"cal", "calvin"},
    {"cathy", "catherine"},   {"cath", "catherine"},   {"cassie", "cassandra"},
    {"charlie", "charles"},   {"chuck", "charles"},    {"chas", "charles"},
    {"chris", "christopher"}, {"kit", "christopher"},  {"topher", "christopher"},
    {"chrissy", "christine"}, {"tina", "christina"},   {"cindy", "cynthia"},
    {"cliff", "clifford"},    {"connie", "constance"}, {"dan", "daniel"},
    {"danny", "daniel"},      {"dave", "david"},       {"davey", "david"},
    {"deb", "deborah"},       {"debbie", "deborah"},   {"debby", "deborah"},
    {"dennie", "dennis"},     {"dick", "richard"},     {"rich", "richard"},
    {"richie", "richard"},    {"rick", "richard"},     {"ricky", "richard"},
    {"don", "donald"},        {"donnie", "donald"},    {"doug", "douglas"},
    {"dot", "dorothy"},       {"dottie", "dorothy"},   {"dolly", "dorothy"},
    {"ed", "edward"},         {"eddie", "edward"},     {"eddy", "edward"},
    {"ned", "edward"},        {"ted", "edward"},       {"teddy", "edward"},
    {"ellie", "eleanor"},     {"nell", "eleanor"},     {"nellie", "eleanor"},
    {"em", "emily"},          {"emmy", "emily"},       {"gene", "eugene"},
    {"fran", "frances"},      {"frank", "francis"},    {"frankie", "francis"},
    {"gabe", "gabriel"},      {"gabby", "gabrielle"},  {"gerry", "gerald"},
    {"jerry", "gerald"},      {"greg", "gregory"},     {"hank", "henry"},
    {"harry", "henry"},       {"hal", "henry"},        {"herb", "herbert"},
    {"izzy", "isabella"},     {"bella", "isabella"},   {"jack", "john"},
    {"johnny", "john"},       {"jon", "jonathan"},     {"jonny", "jonathan"},
    {"jake", "jacob"},        {"jim", "james"},        {"jimmy", "james"},
    {"jamie", "james"},       {"jenny", "jennifer"},   {"jen", "jennifer"},
    {"jenn", "jennifer"},     {"jess", "jessica"},     {"jessie", "jessica"},
    {"joe", "joseph"},        {"joey", "joseph"},      {"jo", "josephine"},
    {"josie", "josephine"},   {"josh", "joshua"},      {"judy", "judith"},
    {"kate", "katherine"},    {"katie", "katherine"},  {"kathy", "katherine"},
    {"kat", "katherine"},     {"kay", "katherine"},    {"kitty", "katherine"},
    {"katy", "katherine"},    {"ken", "kenneth"},      {"kenny", "kenneth"},
    {"larry", "lawrence"},    {"laurie", "laura"},     {"len", "leonard"},
    {"lenny", "leonard"},     {"leo", "leonard"},      {"lou", "louis"},
    {"louie", "louis"},       {"lucy", "lucille"},     {"maggie", "margaret"},
    {"meg", "margaret"},      {"peggy", "margaret"},   {"marge", "margaret"},
    {"margie", "margaret"},   {"greta", "margaret"},   {"mandy", "amanda"},
    {"manny", "emmanuel"},    {"matt", "matthew"},     {"matty", "matthew"},
    {"max", "maxwell"},       {"mel", "melvin"},       {"mick", "michael"},
    {"mickey", "michael"},    {"mike", "michael"},     {"mikey", "michael"},
    {"molly", "mary"},        {"polly", "mary"},       {"mamie", "mary"},
    {"nate", "nathan"},       {"nat", "nathaniel"},    {"nick", "nicholas"},
    {"nicky", "nicholas"},    {"nikki", "nicole"},     {"ollie", "oliver"},
    {"pam", "pamela"},        {"pat", "patrick"},      {"paddy", "patrick"},
    {"patty", "patricia"},    {"patsy", "patricia"},   {"trish", "patricia"},
    {"pete", "peter"},        {"phil", "philip"},      {"ray", "raymond"},
    {"reggie", "reginald"},   {"ron", "ronald"},       {"ronnie", "ronald"},
    {"rosie", "rose"},        {"russ", "russell"},     {"sam", "samuel"},
    {"sammy", "samuel"},      {"sandy", "sandra"},     {"sue", "susan"},
    {"susie", "susan"},       {"suzy", "susan"},       {"stan", "stanley"},
    {"steve", "stephen"},     {"stevie", "stephen"},   {"steven", "stephen"},
    {"stu", "stuart"},        {"ted", "theodore"},     {"theo", "theodore"},
    {"tom", "thomas"},        {"tommy", "thomas"},     {"tim", "timothy"},
    {"timmy", "timothy"},     {"tricia", "patricia"},  {"val", "valerie"},
    {"vic", "victor"},        {"vicky", "victoria"},   {"vickie", "victoria"},
    {"vince", "vincent"},     {"wally", "walter"},     {"walt", "walter"},
    {"bill", "william"},      {"billy", "william"},    {"will", "william"},
    {"willie", "william"},    {"willy", "william"},    {"liam", "william"},
    {"zach", "zachary"},      {"zack", "zachary"},     {"zak", "zachary"},
    {"becky", "rebecca"},     {"becca", "rebecca"},    {"bea", "beatrice"},
    {"trixie", "beatrice"},   {"sally", "sarah"},      {"sadie", "sarah"},
    {"terry", "terence"},     {"tess", "theresa"},     {"tessa", "theresa"},
    {"terri", "theresa"},     {"gil", "gilbert"},      {"geoff", "geoffrey"},
    {"jeff", "jeffrey"},      {"ike", "isaac"},        {"vern", "vernon"},
    {"wes", "wesley"},        {"mo", "maurice"},       {"morrie", "maurice"},
    {"ozzie", "oswald"},      {"monty", "montgomery"}, {"sid", "sidney"},
    {"syd", "sydney"},        {"dom", "dominic"},      {"nico", "nicholas"},
    {"fritz", "frederick"},   {"gus", "augustus"},     {"augie", "august"},
    {"angie", "angela"},      {"rae", "rachel"},       {"shelly", "michelle"},
    {"chelle", "michelle"},   {"kris", "kristen"},     {"tammy", "tamara"},
    {"trudy", "gertrude"},    {"winnie", "winifred"},  {"ginny", "virginia"},
    {"jill", "gillian"},      {"lottie", "charlotte"}, {"charlie", "charles"},
    {"fanny", "frances"},     {"hattie", "harriet"},   {"etta", "henrietta"},
    {"netty", "antoinette"},  {"toni", "antonia"},     {"ally", "alison"},
    {"allie", "alison"},      {"vin", "vincent"},      {"xander", "alexander"},
    {"marty", "martin"},      {"mort", "mortimer"},    {"norm", "norman"},
    {"rudy", "rudolph"},      {"sol", "solomon"},      {"abbey", "abigail"},
    {"jos", "joseph"},
};

const std::unordered_map<std::string_view, std::string_view>& NicknameMap() {
  // First entry wins for a nickname listed twice (e.g. "bert", "ted"): emplace keeps it.
  static const std::unordered_map<std::string_view, std::string_view> map = [] {
    std::unordered_map<std::string_view, std::string_view> built;
    for (const auto& [nickname, formal] : kNicknames) {
      if (nickname != formal) built.emplace(nickname, formal);
    }
    return built;
  }();
  return map;
}

}  // namespace

std::string_view FormalGivenName(std::string_view token) {
  const auto& map = NicknameMap();
  const auto found = map.find(token);
  return found == map.end() ? token : found->second;
}

std::size_t NicknameCount() { return NicknameMap().size(); }

}  // namespace crosscheck::normalize
