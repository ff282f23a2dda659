#include "crosscheck/simulate/catalog.h"

#include <string_view>

#include "crosscheck/common/check.h"

namespace crosscheck::simulate {
namespace {

// Names are written compactly as "latin:native:variants:gender;..." and split once at start-up.
// The views point into the string literals, which live for the whole program.
std::vector<NameEntry> ParseNames(std::string_view text) {
  std::vector<NameEntry> entries;
  while (!text.empty()) {
    const std::size_t end = text.find(';');
    std::string_view item = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (item.empty()) continue;
    std::string_view parts[4];
    for (int part_idx = 0; part_idx < 4; ++part_idx) {
      const std::size_t colon = item.find(':');
      parts[part_idx] = item.substr(0, colon);
      item = colon == std::string_view::npos ? std::string_view() : item.substr(colon + 1);
    }
    NameEntry entry;
    entry.latin = parts[0];
    entry.native = parts[1];
    entry.variants = parts[2];
    entry.gender = parts[3].empty() ? 'u' : parts[3][0];
    entries.push_back(entry);
  }
  return entries;
}

NameSet MakeNameSet(std::string_view id, std::string_view given, std::string_view family,
                    bool native_family_first = false, bool latin_family_first_often = false,
                    bool female_family_suffix = false) {
  NameSet set;
  set.id = id;
  set.given = ParseNames(given);
  set.family = ParseNames(family);
  set.native_family_first = native_family_first;
  set.latin_family_first_often = latin_family_first_often;
  set.female_family_suffix = female_family_suffix;
  return set;
}

std::vector<NameSet> BuildNameSets() {
  std::vector<NameSet> sets;
  sets.push_back(MakeNameSet(
      "anglo",
      "James::Jim|Jimmy:m;Robert::Bob|Rob|Bobby:m;John::Jack|Johnny:m;Michael::Mike:m;"
      "David::Dave:m;William::Bill|Will|Billy:m;Richard::Rick|Rich:m;Joseph::Joe:m;"
      "Thomas::Tom|Tommy:m;Christopher::Chris:m;Charles::Charlie|Chuck:m;Daniel::Dan|Danny:m;"
      "Matthew::Matt:m;Anthony::Tony:m;Mark:::m;Steven::Steve:m;Andrew::Andy|Drew:m;"
      "Joshua::Josh:m;Kevin:::m;Brian::Bryan:m;Ryan:::m;Jason:::m;Justin:::m;Brandon:::m;"
      "Tyler:::m;Jacob::Jake:m;Nicholas::Nick:m;Eric::Erik:m;Jonathan::Jon:m;Benjamin::Ben:m;"
      "Samuel::Sam:m;Alexander::Alex:m;Zachary::Zach:m;Kyle:::m;Aaron:::m;Nathan::Nate:m;"
      "Ethan:::m;Logan:::m;Dylan:::m;Marcus:::m;Jamal:::m;Gregory::Greg:m;Patrick::Pat:m;"
      "Mary:::f;Patricia::Pat|Tricia:f;Jennifer::Jen|Jenny:f;Linda:::f;Elizabeth::Liz|Beth:f;"
      "Barbara::Barb:f;Susan::Sue:f;Jessica::Jess:f;Sarah::Sara:f;Karen:::f;Lisa:::f;"
      "Nancy:::f;Ashley:::f;Emily:::f;Megan::Meg:f;Amanda::Mandy:f;Stephanie::Steph:f;"
      "Rebecca::Becky:f;Laura:::f;Rachel:::f;Samantha::Sam:f;Katherine::Kate|Katie|Kathy:f;"
      "Christina::Tina:f;Nicole::Nikki:f;Olivia::Liv:f;Emma:::f;Madison::Maddie:f;"
      "Hannah:::f;Brittany:::f;Danielle:::f;Lauren:::f;Victoria::Tori:f;Kayla:::f;"
      "Jasmine:::f;Tiffany:::f;Margaret::Maggie|Peggy:f;Abigail::Abby:f",
      "Smith;Johnson;Williams;Brown;Jones;Miller;Davis;Wilson;Anderson;Thomas;Taylor;Moore;"
      "Jackson;Martin;Lee;Thompson;White;Harris;Clark;Lewis;Robinson;Walker;Young;Allen;King;"
      "Wright;Scott;Hill;Green;Adams;Baker;Nelson;Carter;Mitchell;Roberts;Turner;Phillips;"
      "Campbell;Parker;Evans;Edwards;Collins;Stewart;Morris;Murphy;Cook;Rogers;Morgan;Peterson;"
      "Cooper;Reed;Bailey;Bell;Kelly;Howard;O'Brien::OBrien;McDonald::Mcdonald;Sullivan;Ward;"
      "Foster;Brooks;Hughes;Price;Bennett;Wood;Barnes;Ross;Henderson;Coleman;Jenkins;Perry;"
      "Powell;Long;Patterson;Washington;Butler;Simmons;Fisher;Hayes;Myers;Ford;Graham;Sanders"));
  sets.push_back(MakeNameSet(
      "hispanic",
      "José:Jose:Pepe:m;Luis:::m;Carlos:::m;Juan:::m;Miguel:::m;Jorge:::m;Alejandro::Alex:m;"
      "Francisco::Paco|Pancho:m;Fernando::Nando:m;Ricardo::Rick:m;Eduardo::Lalo:m;Javier:::m;"
      "Diego:::m;Andrés:Andres::m;María:Maria::f;Guadalupe::Lupe:f;Sofía:Sofia::f;Valentina:::f;"
      "Daniela:::f;Ana:::f;Fernanda:::f;Gabriela::Gaby:f;Alejandra::Ale:f;Mariana:::f;Lucía:Lucia::f",
      "García:Garcia;Hernández:Hernandez;López:Lopez;Martínez:Martinez;González:Gonzalez;"
      "Rodríguez:Rodriguez;Pérez:Perez;Sánchez:Sanchez;Ramírez:Ramirez;Flores;Torres;Cruz;"
      "Morales;Reyes;Gutiérrez:Gutierrez;Ortiz;Jiménez:Jimenez;Ruiz;Díaz:Diaz;Vargas;Castillo;Romero"));
  sets.push_back(MakeNameSet(
      "indian",
      "Rahul:::m;Amit:::m;Vikram::Vicky:m;Sanjay:::m;Rajesh::Raj:m;Suresh:::m;Arjun:::m;"
      "Rohan:::m;Aditya:::m;Karthik::Karthick|Kartik:m;Venkatesh::Venkat:m;Srinivas::Srini|Srinivasa:m;"
      "Prakash:::m;Anil:::m;Deepak:::m;Manish:::m;Nikhil:::m;Pranav:::m;Siddharth::Sid|Siddarth:m;"
      "Mohammed::Mohammad|Mohd:m;Priya:::f;Ananya:::f;Divya:::f;Pooja::Puja:f;Neha:::f;"
      "Shreya:::f;Kavya:::f;Lakshmi::Laxmi:f;Aishwarya::Aish:f;Deepika:::f;Sneha:::f;Meera:::f;"
      "Anjali:::f;Swati:::f;Ritu:::f;Fatima:::f",
      "Sharma;Patel;Singh;Kumar;Gupta;Reddy;Iyer;Nair;Rao;Das;Joshi;Mehta;Shah;Agarwal::Aggarwal;"
      "Mukherjee;Banerjee;Krishnan;Subramanian::Subramaniam;Menon;Verma;Chowdhury::Choudhury;Pillai;"
      "Khan;Desai;Bhat::Bhatt;Naidu"));
  sets.push_back(MakeNameSet(
      "chinese",
      "Wei:伟::m;Fang:芳::f;Na:娜::f;Min:敏::u;Jing:静::f;Li:丽::f;Qiang:强::m;Lei:磊::m;"
      "Jun:军::m;Yang:洋::m;Yong:勇::m;Yan:艳::f;Jie:杰::m;Tao:涛::m;Ming:明::m;Chao:超::m;"
      "Xiuying:秀英:Xiu Ying|Xiu-Ying:f;Zhiqiang:志强:Zhi Qiang|Zhi-Qiang:m;"
      "Jianhua:建华:Jian Hua|Jian-Hua:m;Xiaoming:晓明:Xiao Ming|Xiao-Ming:m;"
      "Haiyan:海燕:Hai Yan|Hai-Yan:f;Zihan:子涵:Zi Han:u;Yuxuan:雨轩:Yu Xuan:u;"
      "Haoran:浩然:Hao Ran:m;Xinyi:欣怡:Xin Yi:f;Junjie:俊杰:Jun Jie:m;Siyuan:思远:Si Yuan:m;"
      "Yuting:雨婷:Yu Ting:f;Jiahao:嘉豪:Jia Hao:m;Mengqi:梦琪:Meng Qi:f",
      "Wang:王:Wong;Li:李:Lee;Zhang:张:Chang|Cheung;Liu:刘:Lau;Chen:陈:Chan;Yang:杨:Yeung;"
      "Huang:黄:Wong;Zhao:赵:Chao|Chiu;Wu:吴:Ng;Zhou:周:Chou|Chow;Xu:徐:Hsu|Tsui;Sun:孙:Suen;"
      "Ma:马:;Zhu:朱:Chu;Hu:胡:Woo;Guo:郭:Kuo|Kwok;He:何:Ho;Lin:林:Lam;Gao:高:Kao;Luo:罗:Lo",
      true, true));
  sets.push_back(MakeNameSet(
      "korean",
      "Min-jun:민준:Minjun|Min Jun:m;Seo-yeon:서연:Seoyeon|Seo Yeon:f;Ji-hoon:지훈:Jihoon|Ji-hun|Ji Hoon:m;"
      "Su-bin:수빈:Subin|Soo-bin:u;Hyun-woo:현우:Hyunwoo|Hyeon-u|Hyun Woo:m;Ji-eun:지은:Jieun|Ji Eun:f;"
      "Ye-rin:예린:Yerin:f;Do-yoon:도윤:Doyoon|Do-yun:m;Ha-eun:하은:Haeun:f;Jun-ho:준호:Junho|Joon-ho:m;"
      "Sung-min:성민:Sungmin|Seong-min:m;Yu-jin:유진:Yujin|Eugene:u;Dong-hyun:동현:Donghyun|Dong Hyun:m;"
      "Hye-jin:혜진:Hyejin:f;Seung-woo:승우:Seungwoo|Seung Woo:m;Eun-ji:은지:Eunji:f;"
      "Sang-hoon:상훈:Sanghoon|Sang-hun:m;Mi-young:미영:Miyoung|Mi-yeong:f;Jae-won:재원:Jaewon:m;"
      "So-young:소영:Soyoung|So-yeong:f;Young-ho:영호:Youngho|Yeong-ho:m;Min-ji:민지:Minji:f",
      "Kim:김:Gim;Lee:이:Yi|Rhee|Rhie;Park:박:Pak|Bak;Choi:최:Choe|Chae;Jung:정:Jeong|Chung;"
      "Kang:강:Gang;Cho:조:Jo;Yoon:윤:Yun;Jang:장:Chang;Lim:임:Im|Rim;Han:한:;Oh:오:;Seo:서:Suh;"
      "Shin:신:Sin;Kwon:권:Gwon;Hwang:황:;Ahn:안:An;Song:송:;Ryu:류:Yoo|Yu;Hong:홍:",
      true, true));
  sets.push_back(MakeNameSet(
      "japanese",
      "Shota:翔太:Shouta:m;Daiki:大輝::m;Kenta:健太::m;Takuya:拓也::m;Naoki:直樹::m;Hina:陽菜::f;"
      "Misaki:美咲::f;Yui:結衣::f;Ai:愛::f;Yuko:優子:Yuuko:f;Koji:浩二:Kouji:m;Makoto:誠::m;"
      "Aya:彩::f;Mayumi:真由美::f;Ryo:亮:Ryou:m;Haruto:陽翔::m;Sakura:さくら::f",
      "Sato:佐藤:Satou|Satoh;Suzuki:鈴木:;Takahashi:高橋:;Tanaka:田中:;Watanabe:渡辺:;"
      "Ito:伊藤:Itou|Itoh;Yamamoto:山本:;Nakamura:中村:;Kobayashi:小林:;Kato:加藤:Katou|Katoh;"
      "Yoshida:吉田:;Yamada:山田:;Sasaki:佐々木:;Matsumoto:松本:;Inoue:井上:",
      true, false));
  sets.push_back(MakeNameSet(
      "russian",
      "Ivan:Иван::m;Dmitry:Дмитрий:Dmitriy|Dmitrii|Dima:m;Alexey:Алексей:Aleksei|Alexei|Aleksey:m;"
      "Sergey:Сергей:Sergei|Serge:m;Andrey:Андрей:Andrei:m;Mikhail:Михаил:Misha|Michael:m;"
      "Nikolay:Николай:Nikolai:m;Vladimir:Владимир:Vova:m;Pavel:Павел:Paul:m;"
      "Artem:Артём:Artyom|Artiom:m;Maxim:Максим:Maksim:m;Ekaterina:Екатерина:Yekaterina|Katya|Katerina:f;"
      "Anna:Анна::f;Maria:Мария:Mariya|Masha:f;Olga:Ольга::f;Natalya:Наталья:Natalia|Natasha:f;"
      "Tatiana:Татьяна:Tatyana|Tanya:f;Yulia:Юлия:Julia|Iuliia:f;Elena:Елена:Yelena|Lena:f;"
      "Irina:Ирина::f;Svetlana:Светлана:Sveta:f",
      "Ivanov:Иванов:;Smirnov:Смирнов:;Kuznetsov:Кузнецов:Kuznetsoff;Popov:Попов:;"
      "Vasiliev:Васильев:Vasilyev|Vasilev;Petrov:Петров:;Sokolov:Соколов:;Mikhailov:Михайлов:Mikhaylov;"
      "Novikov:Новиков:;Fedorov:Фёдоров:Fyodorov|Fedoroff;Morozov:Морозов:;Volkov:Волков:;"
      "Lebedev:Лебедев:;Kozlov:Козлов:",
      false, false, true));
  sets.push_back(MakeNameSet(
      "ukrainian",
      "Oleksandr:Олександр:Alexander|Olexandr:m;Andrii:Андрій:Andriy|Andrew:m;Dmytro:Дмитро:Dmitro:m;"
      "Serhii:Сергій:Sergiy|Serhiy:m;Maksym:Максим:Maxim:m;Bohdan:Богдан:Bogdan:m;Olena:Олена:Elena:f;"
      "Oksana:Оксана::f;Iryna:Ірина:Irina:f;Nataliia:Наталія:Natalia:f;Yuliia:Юлія:Yulia:f;"
      "Anastasiia:Анастасія:Anastasia|Nastya:f",
      "Shevchenko:Шевченко:;Kovalenko:Коваленко:;Bondarenko:Бондаренко:;Tkachenko:Ткаченко:;"
      "Kravchenko:Кравченко:;Melnyk:Мельник:Melnik;Boiko:Бойко:Boyko;Koval:Коваль:;"
      "Oliinyk:Олійник:Oleynik;Lysenko:Лисенко:Lisenko"));
  sets.push_back(MakeNameSet(
      "german",
      "Lukas::Lucas:m;Maximilian::Max:m;Felix:::m;Jonas:::m;Leon:::m;Paul:::m;Tobias::Tobi:m;"
      "Stefan::Stephan:m;Michael:::m;Thomas:::m;Andreas:::m;Jürgen:Jürgen:Juergen|Jurgen:m;Anna:::f;"
      "Lena:::f;Laura:::f;Julia:::f;Sarah:::f;Katharina::Kathrin|Katrin:f;Lisa:::f;Sabine:::f;Anja:::f",
      "Müller:Müller:Mueller|Muller;Schmidt;Schneider;Fischer;Weber;Meyer::Meier|Maier;Wagner;"
      "Becker;Schulz;Hoffmann::Hofmann;Schäfer:Schäfer:Schaefer|Schafer;Koch;Bauer;Richter;Klein;"
      "Wolf;Schröder:Schröder:Schroeder|Schroder;Neumann;Schwarz;Zimmermann"));
  sets.push_back(MakeNameSet(
      "french",
      "Jean:::m;Pierre:::m;Nicolas::Nico:m;Julien:::m;Thomas:::m;Antoine:::m;Maxime:::m;"
      "Alexandre::Alex:m;Hugo:::m;Louis:::m;Camille:::f;Manon:::f;Léa:Léa:Lea:f;Chloé:Chloé:Chloe:f;"
      "Marie:::f;Julie:::f;Sophie:::f;Émilie:Émilie:Emilie:f;Inès:Inès:Ines:f;Claire:::f",
      "Martin;Bernard;Dubois;Thomas;Robert;Richard;Petit;Durand;Leroy;Moreau;Simon;Laurent;"
      "Lefèvre:Lefèvre:Lefevre|Lefebvre;Michel;Fournier;Girard;Bonnet;Mercier"));
  sets.push_back(MakeNameSet(
      "brazilian",
      "João:João:Joao:m;Pedro:::m;Lucas:::m;Gabriel::Gabi:m;Rafael::Rafa:m;Matheus::Mateus:m;"
      "Gustavo::Guga:m;Felipe::Filipe:m;Thiago::Tiago:m;Bruno:::m;Ana:::f;Júlia:Júlia:Julia:f;"
      "Beatriz::Bia:f;Larissa:::f;Camila:::f;Fernanda::Nanda:f;Mariana:::f;Letícia:Letícia:Leticia:f;"
      "Juliana:::f;Amanda:::f",
      "Silva::da Silva;Santos::dos Santos;Oliveira;Souza::Sousa;Rodrigues;Ferreira;Alves;Pereira;"
      "Lima;Gomes;Costa;Ribeiro;Martins;Carvalho;Araújo:Araújo:Araujo"));
  sets.push_back(MakeNameSet(
      "filipino",
      "Mark:::m;John Paul::JP|Jay Pee:m;Jose:::m;Rodel:::m;Jericho:::m;Christian::Chris:m;"
      "Angelo:::m;Carlo:::m;Paolo:::m;Ramon::Mon:m;Maria Cristina::Tina|Ma. Cristina:f;"
      "Angelica::Gelai:f;Kristine::Tin:f;Mary Grace::Grace:f;Joy:::f;Jasmine:::f;Princess:::f;"
      "Camille:::f;Rhea:::f;Andrea:::f",
      "Santos;Reyes;Cruz;Bautista;Ocampo;Garcia;Mendoza;Torres;Villanueva;Ramos;Aquino;Castillo;"
      "Dela Cruz::dela Cruz|Delacruz;De Guzman::de Guzman|Deguzman;Manalo;Navarro"));
  sets.push_back(MakeNameSet(
      "nigerian",
      "Chinedu::Chinny:m;Emeka:::m;Oluwaseun::Seun:m;Babatunde::Tunde:m;Ifeanyi::Ify:m;"
      "Adebayo::Bayo:m;Chukwuemeka::Emeka:m;Olumide::Mide:m;Ibrahim:::m;Musa:::m;Ngozi:::f;"
      "Chiamaka::Amaka:f;Funmilayo::Funmi:f;Aisha::Aishat:f;Blessing:::f;Adaeze::Ada:f;"
      "Oluwatoyin::Toyin:f;Yetunde::Yetty:f;Folake:::f;Zainab:::f",
      "Okafor;Adeyemi;Okonkwo;Balogun;Eze;Ogunleye;Nwosu;Bello;Abubakar;Olawale;Chukwu;Ibrahim;"
      "Obi;Adeleke;Onyeka"));
  sets.push_back(MakeNameSet(
      "vietnamese",
      "Anh:Anh::u;Minh:Minh::m;Linh:Linh::f;Huy:Huy::m;Trang:Trang::f;Duc:Đức:Duc:m;Thao:Thảo:Thao:f;"
      "Long:Long::m;Nam:Nam::m;Huong:Hương:Huong:f;Tuan:Tuấn:Tuan:m;Mai:Mai::f;Quang:Quang::m;"
      "Thu:Thu::f;Khoa:Khoa::m;Ngoc:Ngọc:Ngoc:f",
      "Nguyen:Nguyễn:Nguyen|Ngyuen;Tran:Trần:Tran;Le:Lê:Le;Pham:Phạm:Pham;Hoang:Hoàng:Hoang|Huynh;"
      "Phan:Phan:;Vu:Vũ:Vu|Vo;Dang:Đặng:Dang;Bui:Bùi:Bui;Do:Đỗ:Do|Doan",
      true, true));
  sets.push_back(MakeNameSet(
      "polish",
      "Piotr::Peter:m;Krzysztof::Chris:m;Tomasz::Tomek:m;Paweł:Paweł:Pawel:m;Michał:Michał:Michal:m;"
      "Marcin:::m;Jakub::Kuba:m;Łukasz:Łukasz:Lukasz:m;Anna:::f;Katarzyna::Kasia:f;"
      "Magdalena::Magda:f;Agnieszka:::f;Joanna::Asia:f;Małgorzata:Małgorzata:Malgorzata|Gosia:f;"
      "Ewa:::f;Aleksandra::Ola:f",
      "Nowak;Kowalski;Wiśniewski:Wiśniewski:Wisniewski;Wójcik:Wójcik:Wojcik;Kowalczyk;"
      "Kamiński:Kamiński:Kaminski;Lewandowski;Zieliński:Zieliński:Zielinski;"
      "Szymański:Szymański:Szymanski;Woźniak:Woźniak:Wozniak"));
  sets.push_back(MakeNameSet(
      "italian",
      "Marco:::m;Luca:::m;Giuseppe::Beppe:m;Alessandro::Alex:m;Andrea:::u;Matteo:::m;"
      "Francesco::Franco:m;Lorenzo:::m;Giulia:::f;Francesca:::f;Chiara:::f;Sara:::f;Martina:::f;"
      "Alessia:::f;Valentina:::f;Elena:::f",
      "Rossi;Russo;Ferrari;Esposito;Bianchi;Romano;Colombo;Ricci;Marino;Greco;Bruno;Gallo;"
      "Conti;De Luca::DeLuca"));
  return sets;
}

std::vector<Locale> BuildLocales() {
  std::vector<Locale> locales;
  const std::vector<std::pair<std::string_view, double>> us_mail = {
      {"gmail.com", 52}, {"outlook.com", 9}, {"hotmail.com", 8}, {"yahoo.com", 12},
      {"icloud.com", 8}, {"aol.com", 3}, {"proton.me", 2}, {"comcast.net", 2}, {"live.com", 2}};
  locales.push_back(Locale{
      "US", "United States", "1", 0.43, 0.58, 1,
      {{"New York", "NY", "100##", 40.7128, -74.0060, -300, "212|646|917|718|347"},
       {"San Francisco", "CA", "941##", 37.7749, -122.4194, -480, "415|628"},
       {"Austin", "TX", "787##", 30.2672, -97.7431, -360, "512|737"},
       {"Seattle", "WA", "981##", 47.6062, -122.3321, -480, "206"},
       {"Chicago", "IL", "606##", 41.8781, -87.6298, -360, "312|773|872"},
       {"Boston", "MA", "021##", 42.3601, -71.0589, -300, "617|857"},
       {"Atlanta", "GA", "303##", 33.7490, -84.3880, -300, "404|678|470"},
       {"Dallas", "TX", "752##", 32.7767, -96.7970, -360, "214|469|972"},
       {"Denver", "CO", "802##", 39.7392, -104.9903, -420, "303|720"},
       {"Miami", "FL", "331##", 25.7617, -80.1918, -300, "305|786"},
       {"Los Angeles", "CA", "900##", 34.0522, -118.2437, -480, "213|310|323"},
       {"Phoenix", "AZ", "850##", 33.4484, -112.0740, -420, "602|480"},
       {"Raleigh", "NC", "276##", 35.7796, -78.6382, -300, "919|984"},
       {"Nashville", "TN", "372##", 36.1627, -86.7816, -360, "615|629"},
       {"Portland", "OR", "972##", 45.5152, -122.6784, -480, "503|971"},
       {"Minneapolis", "MN", "554##", 44.9778, -93.2650, -360, "612"},
       {"Columbus", "OH", "432##", 39.9612, -82.9988, -300, "614"},
       {"Philadelphia", "PA", "191##", 39.9526, -75.1652, -300, "215|267"},
       {"Houston", "TX", "770##", 29.7604, -95.3698, -360, "713|832"},
       {"Salt Lake City", "UT", "841##", 40.7608, -111.8910, -420, "801|385"}},
      {"{n} Main Street", "{n} Oak Street", "{n} Maple Avenue", "{n} Cedar Lane", "{n} Pine Street",
       "{n} Elm Street", "{n} Washington Avenue", "{n} Park Avenue", "{n} Lake Drive",
       "{n} Hillcrest Road", "{n} Sunset Boulevard", "{n} Lincoln Avenue", "{n} Jefferson Street",
       "{n} Highland Avenue", "{n} Riverside Drive", "{n} Willow Way", "{n} Mission Street",
       "{n} Broadway", "{n} Church Street", "{n} Meadow Lane", "{n} Spring Street",
       "{n} Chestnut Street", "{n} Franklin Avenue", "{n} Walnut Street"},
      us_mail,
      {{"anglo", 58}, {"hispanic", 14}, {"indian", 8}, {"chinese", 5}, {"korean", 3},
       {"vietnamese", 2}, {"filipino", 2}, {"russian", 2}, {"nigerian", 2}, {"polish", 1},
       {"italian", 1}, {"ukrainian", 1}, {"japanese", 1}},
      ".com"});
  locales.push_back(Locale{
      "CA", "Canada", "1", 0.05, 0.07, 1,
      {{"Toronto", "ON", "M5V #A#", 43.6532, -79.3832, -300, "416|647|437"},
       {"Vancouver", "BC", "V6B #A#", 49.2827, -123.1207, -480, "604|778"},
       {"Montreal", "QC", "H2X #A#", 45.5019, -73.5674, -300, "514|438"},
       {"Calgary", "AB", "T2P #A#", 51.0447, -114.0719, -420, "403|587"},
       {"Ottawa", "ON", "K1P #A#", 45.4215, -75.6972, -300, "613|343"}},
      {"{n} King Street West", "{n} Queen Street", "{n} Yonge Street", "{n} Granville Street",
       "{n} Rue Sainte-Catherine", "{n} Bank Street", "{n} Maple Crescent", "{n} Elgin Street"},
      {{"gmail.com", 55}, {"outlook.com", 10}, {"hotmail.com", 12}, {"yahoo.ca", 8},
       {"icloud.com", 8}, {"rogers.com", 4}, {"shaw.ca", 3}},
      {{"anglo", 55}, {"french", 12}, {"chinese", 10}, {"indian", 10}, {"filipino", 4},
       {"korean", 3}, {"ukrainian", 3}, {"italian", 3}},
      ".ca"});
  locales.push_back(Locale{
      "GB", "United Kingdom", "44", 0.06, 0.08, 2,
      {{"London", "England", "SW# #AA", 51.5074, -0.1278, 0, "20"},
       {"Manchester", "England", "M# #AA", 53.4808, -2.2426, 0, "161"},
       {"Birmingham", "England", "B# #AA", 52.4862, -1.8904, 0, "121"},
       {"Leeds", "England", "LS# #AA", 53.8008, -1.5491, 0, "113"},
       {"Edinburgh", "Scotland", "EH# #AA", 55.9533, -3.1883, 0, "131"},
       {"Bristol", "England", "BS# #AA", 51.4545, -2.5879, 0, "117"}},
      {"{n} High Street", "{n} Station Road", "{n} Church Lane", "{n} Victoria Road",
       "{n} Park Road", "{n} Green Lane", "{n} Mill Lane", "{n} Queens Road", "{n} Kings Road",
       "{n} London Road", "{n} Manor Way"},
      {{"gmail.com", 45}, {"outlook.com", 12}, {"hotmail.co.uk", 14}, {"yahoo.co.uk", 8},
       {"btinternet.com", 7}, {"icloud.com", 8}, {"sky.com", 3}, {"proton.me", 2}},
      {{"anglo", 72}, {"indian", 10}, {"polish", 4}, {"nigerian", 4}, {"chinese", 3},
       {"italian", 2}, {"french", 2}, {"hispanic", 1}, {"russian", 1}, {"korean", 1}},
      ".co.uk"});
  locales.push_back(Locale{
      "DE", "Germany", "49", 0.04, 0.05, 2,
      {{"Berlin", "Berlin", "10###", 52.5200, 13.4050, 60, "30"},
       {"Munich", "Bavaria", "80###", 48.1351, 11.5820, 60, "89"},
       {"Hamburg", "Hamburg", "20###", 53.5511, 9.9937, 60, "40"},
       {"Frankfurt am Main", "Hesse", "60###", 50.1109, 8.6821, 60, "69"},
       {"Cologne", "North Rhine-Westphalia", "50###", 50.9375, 6.9603, 60, "221"}},
      {"Hauptstraße {n}", "Bahnhofstraße {n}", "Gartenstraße {n}", "Schulstraße {n}",
       "Bergstraße {n}", "Lindenstraße {n}", "Goethestraße {n}", "Schillerstraße {n}"},
      {{"gmail.com", 35}, {"gmx.de", 20}, {"web.de", 20}, {"t-online.de", 10}, {"outlook.de", 8},
       {"posteo.de", 3}, {"icloud.com", 4}},
      {{"german", 80}, {"russian", 4}, {"polish", 4}, {"italian", 3}, {"anglo", 3}, {"indian", 3},
       {"ukrainian", 3}},
      ".de"});
  locales.push_back(Locale{
      "FR", "France", "33", 0.02, 0.02, 2,
      {{"Paris", "Île-de-France", "750##", 48.8566, 2.3522, 60, "1"},
       {"Lyon", "Auvergne-Rhône-Alpes", "6900#", 45.7640, 4.8357, 60, "4"},
       {"Toulouse", "Occitanie", "310##", 43.6047, 1.4442, 60, "5"}},
      {"{n} rue de la Paix", "{n} avenue Victor Hugo", "{n} boulevard Saint-Michel",
       "{n} rue du Moulin", "{n} rue Pasteur", "{n} rue de la République"},
      {{"gmail.com", 45}, {"orange.fr", 15}, {"free.fr", 10}, {"hotmail.fr", 12}, {"laposte.net", 8},
       {"sfr.fr", 6}, {"yahoo.fr", 4}},
      {{"french", 85}, {"hispanic", 3}, {"italian", 4}, {"anglo", 3}, {"vietnamese", 3},
       {"nigerian", 2}},
      ".fr"});
  locales.push_back(Locale{
      "IN", "India", "91", 0.12, 0.05, 0,
      {{"Bengaluru", "Karnataka", "560###", 12.9716, 77.5946, 330, "80"},
       {"Mumbai", "Maharashtra", "400###", 19.0760, 72.8777, 330, "22"},
       {"Hyderabad", "Telangana", "500###", 17.3850, 78.4867, 330, "40"},
       {"New Delhi", "Delhi", "110###", 28.6139, 77.2090, 330, "11"},
       {"Chennai", "Tamil Nadu", "600###", 13.0827, 80.2707, 330, "44"},
       {"Pune", "Maharashtra", "411###", 18.5204, 73.8567, 330, "20"}},
      {"{n}, MG Road", "{n}, 100 Feet Road, Indiranagar", "{n}, 5th Block, Koramangala",
       "{n}, Hill Road, Bandra West", "{n}, Road No. 12, Banjara Hills", "{n}, Anna Salai",
       "{n}, FC Road, Shivajinagar", "{n}, Sector 18"},
      {{"gmail.com", 70}, {"yahoo.co.in", 8}, {"rediffmail.com", 5}, {"outlook.com", 8},
       {"hotmail.com", 6}, {"zoho.com", 3}},
      {{"indian", 100}},
      ".in"});
  locales.push_back(Locale{
      "CN", "China", "86", 0.05, 0.01, 0,
      {{"Beijing", "Beijing", "100###", 39.9042, 116.4074, 480, "10"},
       {"Shanghai", "Shanghai", "200###", 31.2304, 121.4737, 480, "21"},
       {"Shenzhen", "Guangdong", "518###", 22.5431, 114.0579, 480, "755"},
       {"Shenyang", "Liaoning", "110###", 41.8057, 123.4315, 480, "24"},
       {"Dandong", "Liaoning", "118###", 40.1290, 124.3947, 480, "415"},
       {"Hangzhou", "Zhejiang", "310###", 30.2741, 120.1551, 480, "571"}},
      {"{n} Zhongshan Road", "{n} Renmin Road", "{n} Jianguo Road", "{n} Nanjing Road",
       "{n} Huaihai Road", "{n} Shennan Avenue", "{n} Wensan Road"},
      {{"qq.com", 40}, {"163.com", 20}, {"126.com", 10}, {"gmail.com", 15}, {"outlook.com", 8},
       {"sina.com", 4}, {"foxmail.com", 3}},
      {{"chinese", 100}},
      ".cn"});
  locales.push_back(Locale{
      "KR", "South Korea", "82", 0.03, 0.01, 0,
      {{"Seoul", "Seoul", "06###", 37.5665, 126.9780, 540, "2"},
       {"Busan", "Busan", "48###", 35.1796, 129.0756, 540, "51"},
       {"Seongnam", "Gyeonggi-do", "13###", 37.4200, 127.1265, 540, "31"},
       {"Daejeon", "Daejeon", "34###", 36.3504, 127.3845, 540, "42"}},
      {"{n} Teheran-ro, Gangnam-gu", "{n} Gangnam-daero, Seocho-gu", "{n} Sejong-daero, Jung-gu",
       "{n} Olympic-ro, Songpa-gu", "{n} Pangyoyeok-ro, Bundang-gu", "{n} Haeundae-ro"},
      {{"naver.com", 45}, {"gmail.com", 30}, {"daum.net", 12}, {"kakao.com", 5}, {"hanmail.net", 8}},
      {{"korean", 100}},
      ".co.kr"});
  locales.push_back(Locale{
      "JP", "Japan", "81", 0.02, 0.01, 0,
      {{"Tokyo", "Tokyo", "1##-####", 35.6762, 139.6503, 540, "3"},
       {"Osaka", "Osaka", "5##-####", 34.6937, 135.5023, 540, "6"},
       {"Fukuoka", "Fukuoka", "81#-####", 33.5904, 130.4017, 540, "92"}},
      {"{n}-2-3 Shibuya", "{n}-5-1 Shinjuku", "{n}-1-8 Minato", "{n}-14-2 Setagaya", "{n}-3-7 Meguro"},
      {{"gmail.com", 40}, {"yahoo.co.jp", 25}, {"docomo.ne.jp", 10}, {"outlook.jp", 10},
       {"icloud.com", 10}, {"ezweb.ne.jp", 5}},
      {{"japanese", 97}, {"korean", 2}, {"chinese", 1}},
      ".co.jp"});
  locales.push_back(Locale{
      "RU", "Russia", "7", 0.02, 0.0, 0,
      {{"Moscow", "Moscow", "1#####", 55.7558, 37.6173, 180, "495"},
       {"Saint Petersburg", "Saint Petersburg", "19####", 59.9311, 30.3609, 180, "812"},
       {"Vladivostok", "Primorsky Krai", "690###", 43.1198, 131.8869, 600, "423"},
       {"Novosibirsk", "Novosibirsk Oblast", "630###", 55.0084, 82.9357, 420, "383"}},
      {"ul. Tverskaya, d. {n}", "ul. Lenina, d. {n}", "pr. Mira, d. {n}", "ul. Arbat, d. {n}",
       "Nevsky pr., d. {n}", "ul. Svetlanskaya, d. {n}"},
      {{"mail.ru", 35}, {"yandex.ru", 30}, {"gmail.com", 25}, {"rambler.ru", 5}, {"bk.ru", 5}},
      {{"russian", 92}, {"ukrainian", 5}, {"korean", 3}},
      ".ru"});
  locales.push_back(Locale{
      "UA", "Ukraine", "380", 0.02, 0.005, 2,
      {{"Kyiv", "Kyiv", "01###", 50.4501, 30.5234, 120, "44"},
       {"Lviv", "Lviv Oblast", "79###", 49.8397, 24.0297, 120, "32"},
       {"Kharkiv", "Kharkiv Oblast", "61###", 49.9935, 36.2304, 120, "57"}},
      {"vul. Khreshchatyk, {n}", "vul. Sahaidachnoho, {n}", "prosp. Peremohy, {n}",
       "vul. Shevchenka, {n}", "vul. Franka, {n}"},
      {{"gmail.com", 55}, {"ukr.net", 25}, {"i.ua", 8}, {"outlook.com", 7}, {"meta.ua", 5}},
      {{"ukrainian", 80}, {"russian", 20}},
      ".com.ua"});
  locales.push_back(Locale{
      "BR", "Brazil", "55", 0.03, 0.01, 0,
      {{"São Paulo", "SP", "01###-###", -23.5505, -46.6333, -180, "11"},
       {"Rio de Janeiro", "RJ", "20###-###", -22.9068, -43.1729, -180, "21"},
       {"Belo Horizonte", "MG", "30###-###", -19.9167, -43.9345, -180, "31"},
       {"Curitiba", "PR", "80###-###", -25.4284, -49.2733, -180, "41"}},
      {"Rua Augusta, {n}", "Avenida Paulista, {n}", "Rua das Flores, {n}", "Rua Oscar Freire, {n}",
       "Avenida Atlântica, {n}", "Rua XV de Novembro, {n}"},
      {{"gmail.com", 60}, {"hotmail.com", 15}, {"outlook.com", 8}, {"yahoo.com.br", 8},
       {"uol.com.br", 5}, {"bol.com.br", 4}},
      {{"brazilian", 90}, {"italian", 4}, {"japanese", 3}, {"german", 3}},
      ".com.br"});
  locales.push_back(Locale{
      "MX", "Mexico", "52", 0.02, 0.01, 0,
      {{"Mexico City", "CDMX", "06###", 19.4326, -99.1332, -360, "55"},
       {"Guadalajara", "Jalisco", "44###", 20.6597, -103.3496, -360, "33"},
       {"Monterrey", "Nuevo León", "64###", 25.6866, -100.3161, -360, "81"}},
      {"Av. Insurgentes Sur {n}", "Calle Madero {n}", "Av. Paseo de la Reforma {n}",
       "Calle Durango {n}", "Av. Chapultepec {n}"},
      {{"gmail.com", 55}, {"hotmail.com", 25}, {"outlook.com", 10}, {"yahoo.com.mx", 10}},
      {{"hispanic", 100}},
      ".com.mx"});
  locales.push_back(Locale{
      "PH", "Philippines", "63", 0.03, 0.005, 0,
      {{"Manila", "Metro Manila", "1###", 14.5995, 120.9842, 480, "2"},
       {"Quezon City", "Metro Manila", "11##", 14.6760, 121.0437, 480, "2"},
       {"Cebu City", "Cebu", "6000", 10.3157, 123.8854, 480, "32"}},
      {"{n} Ayala Avenue", "{n} Katipunan Avenue", "{n} Shaw Boulevard", "{n} Osmeña Boulevard",
       "{n} Taft Avenue"},
      {{"gmail.com", 70}, {"yahoo.com", 15}, {"outlook.com", 8}, {"hotmail.com", 7}},
      {{"filipino", 100}},
      ".ph"});
  locales.push_back(Locale{
      "NG", "Nigeria", "234", 0.02, 0.002, 0,
      {{"Lagos", "Lagos", "100###", 6.5244, 3.3792, 60, "1"},
       {"Abuja", "FCT", "900###", 9.0765, 7.3986, 60, "9"}},
      {"{n} Allen Avenue, Ikeja", "{n} Admiralty Way, Lekki", "{n} Awolowo Road, Ikoyi",
       "{n} Adeola Odeku Street, Victoria Island", "{n} Aminu Kano Crescent, Wuse 2"},
      {{"gmail.com", 75}, {"yahoo.com", 18}, {"outlook.com", 7}},
      {{"nigerian", 100}},
      ".ng"});
  locales.push_back(Locale{
      "AU", "Australia", "61", 0.02, 0.03, 0,
      {{"Sydney", "NSW", "2###", -33.8688, 151.2093, 600, "2"},
       {"Melbourne", "VIC", "3###", -37.8136, 144.9631, 600, "3"},
       {"Brisbane", "QLD", "4###", -27.4698, 153.0251, 600, "7"}},
      {"{n} George Street", "{n} Pitt Street", "{n} Elizabeth Street", "{n} Oxford Street",
       "{n} Collins Street", "{n} Queen Street"},
      {{"gmail.com", 50}, {"outlook.com", 12}, {"hotmail.com", 10}, {"bigpond.com", 10},
       {"icloud.com", 12}, {"yahoo.com.au", 6}},
      {{"anglo", 70}, {"chinese", 8}, {"indian", 7}, {"vietnamese", 4}, {"italian", 4},
       {"filipino", 3}, {"korean", 2}, {"german", 2}},
      ".com.au"});
  locales.push_back(Locale{
      "VN", "Vietnam", "84", 0.01, 0.002, 0,
      {{"Ho Chi Minh City", "Ho Chi Minh City", "700000", 10.8231, 106.6297, 420, "28"},
       {"Hanoi", "Hanoi", "100000", 21.0278, 105.8342, 420, "24"}},
      {"{n} Nguyen Hue", "{n} Le Loi", "{n} Tran Hung Dao", "{n} Hai Ba Trung"},
      {{"gmail.com", 80}, {"yahoo.com", 10}, {"outlook.com", 10}},
      {{"vietnamese", 100}},
      ".vn"});
  locales.push_back(Locale{
      "PL", "Poland", "48", 0.015, 0.005, 2,
      {{"Warsaw", "Masovian", "00-###", 52.2297, 21.0122, 60, "22"},
       {"Kraków", "Lesser Poland", "30-###", 50.0647, 19.9450, 60, "12"},
       {"Wrocław", "Lower Silesian", "50-###", 51.1079, 17.0385, 60, "71"}},
      {"ul. Marszałkowska {n}", "ul. Puławska {n}", "ul. Mokotowska {n}", "ul. Floriańska {n}"},
      {{"gmail.com", 45}, {"wp.pl", 20}, {"o2.pl", 15}, {"interia.pl", 12}, {"onet.pl", 8}},
      {{"polish", 92}, {"ukrainian", 8}},
      ".pl"});
  locales.push_back(Locale{
      "IT", "Italy", "39", 0.01, 0.005, 2,
      {{"Milan", "Lombardy", "201##", 45.4642, 9.1900, 60, "2"},
       {"Rome", "Lazio", "001##", 41.9028, 12.4964, 60, "6"},
       {"Turin", "Piedmont", "101##", 45.0703, 7.6869, 60, "11"}},
      {"Via Roma {n}", "Via Garibaldi {n}", "Corso Buenos Aires {n}", "Via Dante {n}",
       "Via Mazzini {n}"},
      {{"gmail.com", 50}, {"libero.it", 20}, {"hotmail.it", 12}, {"virgilio.it", 8},
       {"outlook.it", 10}},
      {{"italian", 95}, {"anglo", 5}},
      ".it"});
  locales.push_back(Locale{
      "SG", "Singapore", "65", 0.01, 0.01, 0,
      {{"Singapore", "Singapore", "######", 1.3521, 103.8198, 480, "6"}},
      {"{n} Orchard Road", "{n} Ang Mo Kio Avenue 3", "{n} Tampines Street 21",
       "{n} Jurong West Street 42", "{n} Bukit Timah Road"},
      {{"gmail.com", 65}, {"hotmail.com", 10}, {"outlook.com", 10}, {"yahoo.com.sg", 10},
       {"singnet.com.sg", 5}},
      {{"chinese", 70}, {"indian", 15}, {"anglo", 10}, {"filipino", 5}},
      ".com.sg"});
  return locales;
}

std::vector<Network> BuildResidential() {
  return {
      {"US", 7922, "Comcast Cable Communications, LLC", "comcast cable", "comcast.net", "residential"},
      {"US", 20115, "Charter Communications Inc", "charter communications", "spectrum.com", "residential"},
      {"US", 7018, "AT&T Services, Inc.", "at&t internet services", "att.net", "residential"},
      {"US", 701, "Verizon Business", "verizon fios", "verizon.net", "residential"},
      {"US", 22773, "Cox Communications Inc.", "cox communications", "cox.net", "residential"},
      {"CA", 812, "Rogers Communications Canada Inc.", "rogers", "rogers.com", "residential"},
      {"CA", 577, "Bell Canada", "bell canada", "bell.ca", "residential"},
      {"GB", 2856, "British Telecommunications PLC", "bt", "bt.com", "residential"},
      {"GB", 5089, "Virgin Media Limited", "virgin media", "virginmedia.com", "residential"},
      {"GB", 5607, "Sky UK Limited", "sky broadband", "sky.com", "residential"},
      {"DE", 3320, "Deutsche Telekom AG", "deutsche telekom ag", "telekom.de", "residential"},
      {"DE", 3209, "Vodafone GmbH", "vodafone germany", "vodafone.de", "residential"},
      {"FR", 3215, "Orange S.A.", "orange", "orange.fr", "residential"},
      {"FR", 12322, "Free SAS", "free sas", "free.fr", "residential"},
      {"IN", 24560, "Bharti Airtel Ltd., Telemedia Services", "bharti airtel", "airtel.in", "residential"},
      {"IN", 55836, "Reliance Jio Infocomm Limited", "reliance jio", "jio.com", "residential"},
      {"IN", 17488, "Hathway IP Over Cable Internet", "hathway", "hathway.com", "residential"},
      {"CN", 4134, "Chinanet", "china telecom", "chinatelecom.com.cn", "residential"},
      {"CN", 4837, "CHINA UNICOM China169 Backbone", "china unicom", "chinaunicom.com", "residential"},
      {"KR", 4766, "Korea Telecom", "kt corporation", "kt.com", "residential"},
      {"KR", 9318, "SK Broadband Co Ltd", "sk broadband", "skbroadband.com", "residential"},
      {"KR", 17858, "LG POWERCOMM", "lg u+", "uplus.co.kr", "residential"},
      {"JP", 4713, "NTT Communications Corporation", "ntt", "ntt.com", "residential"},
      {"JP", 2516, "KDDI CORPORATION", "kddi", "kddi.com", "residential"},
      {"RU", 12389, "Rostelecom", "rostelecom", "rt.ru", "residential"},
      {"RU", 8359, "MTS PJSC", "mts pjsc", "mts.ru", "residential"},
      {"UA", 15895, "Kyivstar PJSC", "kyivstar", "kyivstar.ua", "residential"},
      {"UA", 6849, "PJSC Ukrtelecom", "ukrtelecom", "ukrtelecom.ua", "residential"},
      {"BR", 28573, "Claro NXT Telecomunicacoes Ltda", "claro", "claro.com.br", "residential"},
      {"BR", 18881, "TELEFONICA BRASIL S.A", "vivo", "vivo.com.br", "residential"},
      {"MX", 8151, "UNINET", "telmex", "telmex.com", "residential"},
      {"MX", 13999, "Mega Cable, S.A. de C.V.", "megacable", "megacable.com.mx", "residential"},
      {"PH", 9299, "Philippine Long Distance Telephone Company", "pldt", "pldt.com", "residential"},
      {"PH", 4775, "Globe Telecoms", "globe telecom", "globe.com.ph", "residential"},
      {"NG", 36873, "Airtel Networks Limited", "airtel nigeria", "airtel.com.ng", "residential"},
      {"NG", 37148, "Globacom Limited", "glo", "gloworld.com", "residential"},
      {"AU", 1221, "Telstra Limited", "telstra", "telstra.com", "residential"},
      {"AU", 4804, "Optus", "optus", "optus.com.au", "residential"},
      {"VN", 7552, "Viettel Group", "viettel", "viettel.com.vn", "residential"},
      {"VN", 45899, "VNPT Corp", "vnpt", "vnpt.vn", "residential"},
      {"PL", 5617, "Orange Polska Spolka Akcyjna", "orange polska", "orange.pl", "residential"},
      {"PL", 6830, "Liberty Global B.V.", "upc polska", "upc.pl", "residential"},
      {"IT", 3269, "Telecom Italia", "tim", "telecomitalia.it", "residential"},
      {"IT", 30722, "Vodafone Italia S.p.A.", "vodafone italia", "vodafone.it", "residential"},
      {"SG", 9506, "Singtel Fibre Broadband", "singtel", "singtel.com", "residential"},
      {"SG", 55430, "Starhub Ltd", "starhub", "starhub.com", "residential"},
  };
}

std::vector<Network> BuildMobile() {
  return {
      {"US", 21928, "T-Mobile USA, Inc.", "t-mobile usa", "t-mobile.com", "mobile"},
      {"US", 6167, "Cellco Partnership DBA Verizon Wireless", "verizon wireless", "verizonwireless.com", "mobile"},
      {"CA", 22652, "Fibrenoire Inc.", "telus mobility", "telus.com", "mobile"},
      {"GB", 25135, "Vodafone Limited", "vodafone uk", "vodafone.co.uk", "mobile"},
      {"DE", 6805, "Telefonica Germany", "o2 germany", "telefonica.de", "mobile"},
      {"FR", 51207, "Free Mobile SAS", "free mobile", "free.fr", "mobile"},
      {"IN", 45609, "Bharti Airtel Ltd. AS for GPRS Service", "airtel mobile", "airtel.in", "mobile"},
      {"CN", 9808, "China Mobile Communications Group Co., Ltd.", "china mobile", "chinamobile.com", "mobile"},
      {"KR", 9644, "SK Telecom", "sk telecom", "sktelecom.com", "mobile"},
      {"JP", 9605, "NTT DOCOMO, INC.", "ntt docomo", "docomo.ne.jp", "mobile"},
      {"RU", 3216, "PJSC Vimpelcom", "beeline", "beeline.ru", "mobile"},
      {"UA", 21497, "PrJSC VF UKRAINE", "vodafone ukraine", "vodafone.ua", "mobile"},
      {"BR", 26599, "TELEFONICA BRASIL S.A", "vivo movel", "vivo.com.br", "mobile"},
      {"MX", 28403, "RadioMovil Dipsa, S.A. de C.V.", "telcel", "telcel.com", "mobile"},
      {"PH", 132199, "Globe Telecom Inc.", "globe mobile", "globe.com.ph", "mobile"},
      {"NG", 29465, "MTN NIGERIA Communication limited", "mtn nigeria", "mtnonline.com", "mobile"},
      {"AU", 133612, "Vodafone Australia Pty Ltd", "vodafone au", "vodafone.com.au", "mobile"},
      {"VN", 24086, "Viettel Corporation", "viettel mobile", "viettel.com.vn", "mobile"},
      {"PL", 12912, "T-Mobile Polska S.A.", "t-mobile polska", "t-mobile.pl", "mobile"},
      {"IT", 1267, "WIND TRE S.P.A.", "wind tre", "windtre.it", "mobile"},
      {"SG", 45143, "SINGTEL MOBILE INTERNET SERVICE PROVIDER", "singtel mobile", "singtel.com", "mobile"},
  };
}

std::vector<Network> BuildBusiness() {
  return {
      {"US", 7922, "Comcast Business", "comcast business", "comcast.com", "business"},
      {"US", 3356, "Level 3 Parent, LLC", "lumen", "lumen.com", "business"},
      {"US", 174, "Cogent Communications", "cogent communications", "cogentco.com", "business"},
      {"CA", 577, "Bell Canada", "bell business", "bell.ca", "business"},
      {"GB", 2856, "British Telecommunications PLC", "bt business", "bt.com", "business"},
      {"DE", 3320, "Deutsche Telekom AG", "telekom geschaeftskunden", "telekom.de", "business"},
      {"FR", 3215, "Orange S.A.", "orange business", "orange-business.com", "business"},
      {"IN", 4755, "TATA Communications formerly VSNL", "tata communications", "tatacommunications.com", "business"},
      {"CN", 4808, "China Unicom Beijing Province Network", "china unicom business", "chinaunicom.com", "business"},
      {"KR", 4766, "Korea Telecom", "kt enterprise", "kt.com", "business"},
      {"JP", 2914, "NTT America, Inc.", "ntt business", "ntt.net", "business"},
      {"RU", 12389, "Rostelecom", "rostelecom business", "rt.ru", "business"},
      {"UA", 3255, "State Enterprise Scientific and Telecommunication Centre", "uarnet", "uar.net", "business"},
      {"BR", 4230, "CLARO S.A.", "embratel", "embratel.com.br", "business"},
      {"MX", 8151, "UNINET", "telmex empresas", "telmex.com", "business"},
      {"PH", 9299, "Philippine Long Distance Telephone Company", "pldt enterprise", "pldt.com", "business"},
      {"NG", 37282, "MAINONE CABLE COMPANY", "mainone", "mainone.net", "business"},
      {"AU", 7545, "TPG Telecom Limited", "tpg business", "tpg.com.au", "business"},
      {"VN", 18403, "FPT Telecom Company", "fpt telecom", "fpt.vn", "business"},
      {"PL", 8246, "Netia SA", "netia", "netia.pl", "business"},
      {"IT", 12874, "Fastweb SpA", "fastweb", "fastweb.it", "business"},
      {"SG", 4657, "StarHub Ltd", "starhub business", "starhub.com", "business"},
  };
}

std::vector<Network> BuildHosting() {
  // Data-centre networks. The first group are plain cloud/hosting providers; the rest are the
  // networks commercial VPN services rent exits in (kind is decided per range, see ip_plan.cc).
  return {
      {"US", 16509, "Amazon.com, Inc.", "amazon technologies inc.", "amazonaws.com", "hosting"},
      {"US", 14061, "DigitalOcean, LLC", "digitalocean llc", "digitalocean.com", "hosting"},
      {"DE", 24940, "Hetzner Online GmbH", "hetzner online gmbh", "hetzner.com", "hosting"},
      {"FR", 16276, "OVH SAS", "ovh sas", "ovh.net", "hosting"},
      {"US", 20473, "The Constant Company, LLC", "vultr holdings llc", "vultr.com", "hosting"},
      {"US", 63949, "Akamai Connected Cloud", "linode", "linode.com", "hosting"},
      {"US", 396982, "Google LLC", "google cloud", "google.com", "hosting"},
      {"GB", 9009, "M247 Europe SRL", "m247 ltd", "m247.com", "vpn"},
      {"GB", 60068, "Datacamp Limited", "datacamp limited", "cdn77.com", "vpn"},
      {"US", 136787, "PacketHub S.A.", "packethub s.a.", "packethub.tech", "vpn"},
      {"GB", 62240, "Clouvider Limited", "clouvider limited", "clouvider.co.uk", "vpn"},
      {"US", 8100, "QuadraNet Enterprises LLC", "quadranet enterprises llc", "quadranet.com", "vpn"},
      {"CH", 51852, "Private Layer INC", "private layer inc", "privatelayer.com", "vpn"},
      {"US", 11878, "tzulo, inc.", "tzulo inc.", "tzulo.com", "vpn"},
      {"HK", 137409, "GSL Networks Pty LTD", "gsl networks pty ltd", "gsl.net", "vpn"},
      {"US", 212238, "Datacamp Limited", "cdnext", "cdn77.com", "vpn"},
  };
}

}  // namespace

std::size_t Catalog::LocaleIndex(std::string_view code) const {
  for (std::size_t idx = 0; idx < locales.size(); ++idx) {
    if (locales[idx].code == code) return idx;
  }
  CC_CHECK(false) << "unknown locale " << code;
  return 0;
}

std::size_t Catalog::NameSetIndex(std::string_view id) const {
  for (std::size_t idx = 0; idx < name_sets.size(); ++idx) {
    if (name_sets[idx].id == id) return idx;
  }
  CC_CHECK(false) << "unknown name set " << id;
  return 0;
}

const Catalog& GetCatalog() {
  static const Catalog catalog = [] {
    Catalog c;
    c.name_sets = BuildNameSets();
    c.locales = BuildLocales();
    c.residential = BuildResidential();
    c.mobile = BuildMobile();
    c.business = BuildBusiness();
    c.hosting = BuildHosting();
    // Astrill is what DPRK workers are documented to prefer (Mandiant, LevelBlue); it is also
    // popular with ordinary people in and from China, which is why legitimate users carry it too.
    c.vpn_brands = {
        {"NordVPN", {9, 7}, true},       {"ExpressVPN", {7, 8, 10}, true},
        {"Surfshark", {7, 8}, true},     {"ProtonVPN", {12, 10, 7}, true},
        {"Astrill VPN", {11, 13, 14, 12}, true}, {"Mullvad", {10, 12}, true},
        {"PrivateVPN", {15, 4, 1}, false},
    };
    c.universities = {
        {"University of Texas at Austin", "utexas.edu", "US", "Austin"},
        {"Georgia Institute of Technology", "gatech.edu", "US", "Atlanta"},
        {"University of Washington", "uw.edu", "US", "Seattle"},
        {"Boston University", "bu.edu", "US", "Boston"},
        {"New York University", "nyu.edu", "US", "New York"},
        {"University of Illinois Chicago", "uic.edu", "US", "Chicago"},
        {"Arizona State University", "asu.edu", "US", "Phoenix"},
        {"North Carolina State University", "ncsu.edu", "US", "Raleigh"},
        {"University of Minnesota", "umn.edu", "US", "Minneapolis"},
        {"University of Toronto", "utoronto.ca", "CA", "Toronto"},
        {"University of British Columbia", "ubc.ca", "CA", "Vancouver"},
        {"University of Manchester", "manchester.ac.uk", "GB", "Manchester"},
        {"University College London", "ucl.ac.uk", "GB", "London"},
        {"Technical University of Munich", "tum.de", "DE", "Munich"},
        {"Indian Institute of Technology Bombay", "iitb.ac.in", "IN", "Mumbai"},
        {"Anna University", "annauniv.edu", "IN", "Chennai"},
        {"Seoul National University", "snu.ac.kr", "KR", "Seoul"},
        {"KAIST", "kaist.ac.kr", "KR", "Daejeon"},
        {"Tsinghua University", "tsinghua.edu.cn", "CN", "Beijing"},
        {"Fudan University", "fudan.edu.cn", "CN", "Shanghai"},
        {"University of São Paulo", "usp.br", "BR", "São Paulo"},
        {"University of the Philippines Diliman", "up.edu.ph", "PH", "Quezon City"},
        {"University of Lagos", "unilag.edu.ng", "NG", "Lagos"},
        {"University of Sydney", "sydney.edu.au", "AU", "Sydney"},
    };
    c.agency_names = {"Robert Half", "TEKsystems", "Insight Global", "Randstad", "Adecco",
                      "Kforce", "Apex Systems", "Hays", "Michael Page", "Aerotek",
                      "Motion Recruitment", "Experis", "CyberCoders", "Harvey Nash", "Infosys BPM",
                      "Collabera", "Mastech Digital", "Hire Quest Partners", "BrightPath Talent",
                      "NorthStar Staffing"};
    c.company_words_a = {"Blue", "North", "Summit", "Pioneer", "Bright", "Silver", "Cedar", "Harbor",
                         "Evergreen", "Granite", "Lumen", "Nova", "Apex", "Atlas", "Beacon",
                         "Crescent", "Delta", "Everest", "Falcon", "Golden", "Horizon", "Iron",
                         "Keystone", "Liberty", "Maple", "Meridian", "Oak", "Pacific", "Quantum",
                         "Redwood", "Riverstone", "Sterling", "Tidewater", "Union", "Vertex",
                         "Westfield", "Zenith", "Clear", "Prairie", "Coastal", "Orchid", "Stone"};
    c.company_words_b = {"Health", "Logistics", "Analytics", "Financial", "Insurance", "Systems",
                         "Labs", "Software", "Manufacturing", "Partners", "Medical", "Capital",
                         "Dynamics", "Networks", "Foods", "Energy", "Robotics", "Bank", "Retail",
                         "Consulting", "Biotech", "Solutions", "Payments", "AI", "Studios",
                         "Pharma", "Devices", "Credit Union", "Clinic", "Group"};
    c.sectors = {"technology", "finance_insurance", "healthcare", "manufacturing",
                 "public_administration", "professional_services", "retail", "ai"};
    c.user_agents = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36|Windows 10|CHROME|Computer",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0|Windows 10|EDGE_CHROMIUM|Computer",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36|Mac OS X|CHROME|Computer",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15|Mac OS X|SAFARI|Computer",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0|Mac OS X|FIREFOX|Computer",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Safari/537.36|Linux|CHROME|Computer",
        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0|Linux|FIREFOX|Computer",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1|iOS|MOBILE_SAFARI|Mobile",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36|Android|CHROME|Mobile",
        "Okta Verify/9.8.1 (iPhone; iOS 17.2)|iOS|OKTA_VERIFY|Mobile",
    };
    c.famous_employers = {"Amazon", "Microsoft", "Google", "IBM", "Oracle", "Accenture", "Deloitte",
                          "Infosys", "Tata Consultancy Services", "Wipro", "Capgemini", "Cognizant",
                          "Samsung Electronics", "Alibaba", "Tencent", "Shopify", "Salesforce",
                          "JPMorgan Chase", "Wells Fargo", "UnitedHealth Group", "Kaiser Permanente",
                          "Siemens", "SAP", "Toptal", "EPAM Systems", "Globant", "Naver", "Rakuten",
                          "Coinbase", "Binance", "Epic Systems", "Cerner", "Stripe", "PayPal"};
    c.english_given_names = {"Kevin", "Jason", "Eric", "Michael", "Tony", "David", "Jack", "Vivian",
                             "Grace", "Cindy", "Amy", "Lily", "Daniel", "Jenny", "Sophia", "Brian",
                             "Stella", "Leo", "Ryan", "Irene"};
    return c;
  }();
  return catalog;
}

const ResumeBank& GetResumeBank() {
  static const ResumeBank bank = [] {
    ResumeBank b;
    b.fields = {
        {"software",
         {"Software Engineer", "Senior Software Engineer", "Full Stack Developer", "Backend Engineer",
          "Frontend Developer", "Mobile Developer", "DevOps Engineer", "Site Reliability Engineer",
          "Data Engineer", "Machine Learning Engineer", "QA Automation Engineer",
          "Blockchain Developer", "Cloud Engineer", "Senior Full Stack Engineer"},
         {"Python", "Java", "Go", "TypeScript", "React", "Node.js", "AWS", "Kubernetes", "Docker",
          "PostgreSQL", "Terraform", "Spring Boot", "Django", "GraphQL", "Kafka", "Rust", "C#",
          ".NET", "Angular", "Vue.js", "Swift", "Kotlin", "Solidity", "Web3.js", "Redis", "GCP",
          "Azure", "Flutter", "PyTorch", "TensorFlow", "Spark", "Airflow", "Next.js"},
         {"reduced API latency by {p}% by redesigning the caching layer",
          "migrated {n} services to Kubernetes with zero downtime",
          "led a team of {n} engineers delivering a customer-facing platform",
          "built a real-time analytics pipeline processing {n} million events per day",
          "cut cloud costs by {p}% through right-sizing and spot instances",
          "shipped a mobile app with over {n}00,000 downloads",
          "raised unit test coverage from {n}% to {p}%",
          "designed smart contracts securing ${n} million in deposits",
          "automated the release process, reducing deploy time by {p}%",
          "mentored {n} junior developers and ran weekly code reviews"},
         0.46},
        {"finance",
         {"Financial Analyst", "Payments Operations Specialist", "Accountant", "Payroll Specialist",
          "Accounts Payable Specialist", "FP&A Analyst", "Risk Analyst"},
         {"Excel", "SAP", "QuickBooks", "NetSuite", "SQL", "Power BI", "reconciliation",
          "financial modeling", "GAAP", "ACH", "SWIFT", "forecasting", "Tableau"},
         {"closed the monthly books {n} days faster", "reconciled over {n},000 transactions a month",
          "reduced payment exceptions by {p}%", "built forecasting models used by {n} business units",
          "automated vendor payments, saving {n} hours a week"},
         0.12},
        {"healthcare",
         {"Clinical Data Analyst", "EHR Implementation Specialist", "Medical Billing Specialist",
          "Health Informatics Analyst", "Registered Nurse", "Pharmacy Technician"},
         {"Epic", "Cerner", "HL7", "FHIR", "ICD-10", "HIPAA", "patient care", "SQL", "CPT coding",
          "clinical workflows"},
         {"supported the rollout of Epic across {n} clinics", "cut claim denials by {p}%",
          "trained {n} staff on new clinical workflows", "built dashboards tracking {n} quality measures"},
         0.1},
        {"support",
         {"Customer Support Specialist", "IT Support Technician", "Technical Support Engineer",
          "Help Desk Analyst", "Customer Success Manager"},
         {"Zendesk", "Salesforce", "Jira", "Active Directory", "Office 365", "troubleshooting",
          "ServiceNow", "customer communication", "Windows", "macOS"},
         {"resolved an average of {n}0 tickets a week with {p}% satisfaction",
          "wrote {n} knowledge-base articles", "reduced first-response time by {p}%"},
         0.12},
        {"business",
         {"Project Manager", "Business Analyst", "Marketing Coordinator", "Graphic Designer",
          "HR Generalist", "Operations Manager", "Sales Representative", "Mechanical Engineer",
          "Product Manager", "Recruiter"},
         {"Agile", "Scrum", "stakeholder management", "Figma", "HubSpot", "Google Analytics",
          "AutoCAD", "SolidWorks", "Workday", "negotiation", "budgeting", "Asana"},
         {"delivered {n} projects on time and under budget", "grew qualified leads by {p}%",
          "hired {n} people in a year", "improved line throughput by {p}%",
          "managed a budget of ${n} million"},
         0.2},
    };
    b.openers = {
        "{role} with {y} years of experience in {s1}, {s2} and {s3}.",
        "Results-driven {role} with {y}+ years of hands-on experience with {s1} and {s2}.",
        "Detail-oriented {role} bringing {y} years of experience and strong skills in {s1}, {s2} and {s3}.",
        "Experienced {role} ({y} years) focused on {s1} and {s2}.",
        "{role} passionate about {s1}; {y} years of professional experience, most recently with {s2} and {s3}.",
        "I am a {role} with {y} years in the field, comfortable with {s1}, {s2} and {s3}.",
    };
    b.closers = {
        "Open to remote and hybrid roles.", "Authorized to work without sponsorship.",
        "Available to start immediately.", "References available upon request.",
        "Looking for a collaborative team where I can keep learning.",
        "Fluent in English; comfortable working across time zones.",
    };
    b.career_templates = {
        "Motivated recent graduate eager to apply classroom knowledge in a professional setting. "
        "Strong communication, teamwork and problem-solving skills developed through coursework, "
        "student organizations and internships.",
        "Highly organized self-starter with a proven ability to manage multiple priorities. Recognized "
        "for reliability, attention to detail and a positive attitude in fast-paced environments.",
        "Dedicated professional seeking to leverage strong analytical and interpersonal skills to "
        "contribute to organizational success. Quick learner who thrives in collaborative teams.",
        "Enthusiastic and adaptable team player with hands-on project experience. Committed to "
        "continuous learning and to delivering high-quality results on time.",
    };
    b.degrees = {"B.S. in Computer Science", "B.Tech in Computer Science and Engineering",
                 "M.S. in Computer Science", "B.A. in Economics", "B.S. in Information Systems",
                 "B.S. in Mathematics", "M.B.A.", "B.Sc. in Accounting", "B.S. in Nursing",
                 "B.Eng. in Electrical Engineering", "M.S. in Data Science", "B.A. in Communications"};
    return b;
  }();
  return bank;
}

}  // namespace crosscheck::simulate
